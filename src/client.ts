/**
 * `thumbsmith/client`: signs thumbnail URLs for any JavaScript runtime with WebCrypto (Node ≥ 20,
 * browsers, Workers, Deno, Bun). Validation and signing are the server's own code from url.ts and
 * signature.ts, bundled in, so a URL this accepts is one the server accepts.
 */
import { ThumbnailError } from "./errors";
import { signInfoLegacy, signInfoV1, signLegacy, signV1 } from "./signature";
import { encodeSourcePath, parseExtension, parseMethod, parseSize, parseSource, type Extension, type Method } from "./url";

export { ThumbnailError };
export type { Extension, Method };

/** The server's largest accepted width or height. */
export const MAX_DIMENSION = 4096;

export interface SignOptions {
  /**
   * v1: one key of the server's THUMBS_SECRET, normally the first (the one the server signs with).
   * Legacy: Django's SECRET_KEY, as the server's LEGACY_SECRET_KEY.
   */
  secret: string;
  /** Prefix of every URL: an origin and/or the server's BASE_PATH. Default "/"; a missing trailing "/" is added. */
  baseUrl?: string;
  /** Sign like django-rest-thumbnails (40 hex digits), for URLs old templates already produce. */
  legacy?: boolean;
}

function requireString(name: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`${name}: expected a string, got ${typeof value}`);
  return value;
}

function checkSecret(options: SignOptions): string {
  const secret = requireString("secret", options?.secret);
  if (secret === "") throw new TypeError("secret: expected a non-empty string");
  // The server splits THUMBS_SECRET on commas, so a v1 key holding one could never verify.
  if (!options.legacy && secret.includes(",")) {
    throw new TypeError("secret: expected one key, not the comma-separated THUMBS_SECRET list (sign with its first key)");
  }
  return secret;
}

/** Throws ThumbnailError BAD_SOURCE (or TypeError) for a source key the server would reject; returns it. */
export function checkSource(source: string): string {
  return validSource(source);
}

function validSource(source: unknown): string {
  let encoded: string;
  try {
    encoded = encodeSourcePath(requireString("source", source));
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    throw new ThumbnailError("BAD_SOURCE", { detail: "source: expected well-formed Unicode (no lone surrogates)" });
  }
  // Round-tripping through the server's parser applies its exact rules to the key it will decode.
  return parseSource(encoded.split("/"));
}

function withBase(baseUrl: string | undefined, path: string): string {
  const base = requireString("baseUrl", baseUrl ?? "/");
  // A query or fragment would swallow the path; whitespace would split srcset candidates.
  if (/[\s?#]/.test(base)) throw new TypeError(`baseUrl: expected no whitespace, '?' or '#', got '${base}'`);
  return (base.endsWith("/") ? base : `${base}/`) + path;
}

/**
 * The signed URL of one thumbnail. Rejects with ThumbnailError (`code` BAD_SOURCE, BAD_SIZE, BAD_METHOD or
 * BAD_FORMAT; the message names the argument) for input the server would reject, TypeError for bad options.
 *
 * @param source the object key, unencoded (`"photos/summer day.jpg"`).
 * @param size `"WxH"`, `"Wx"`, `"xH"`; 0 or empty follows the aspect ratio. Signed exactly as written.
 * @param method `"crop"`, `"scale"` or `"smart"`.
 * @param ext `".jpg"`, `".jpeg"`, `".png"`, `".webp"` or `".avif"`.
 */
export async function thumbnailUrl(
  source: string,
  size: string,
  method: Method,
  ext: Extension,
  options: SignOptions,
): Promise<string> {
  const secret = checkSecret(options);
  const parts = {
    source: validSource(source),
    size: parseSize(requireString("size", size), MAX_DIMENSION).text,
    method: parseMethod(requireString("method", method)),
    ext: parseExtension(requireString("ext", ext)),
  };
  const signature = options.legacy ? await signLegacy(secret, parts) : await signV1(secret, parts);
  return withBase(options.baseUrl, `${encodeSourcePath(parts.source)}/${parts.size}/${parts.method}/${signature}${parts.ext}`);
}

/**
 * The signed URL of a source's info document (`{"width","height","format","bytes","hasAlpha",
 * "dominantColor","thumbhash"}`, README "Info and placeholders"). Same options and errors as
 * thumbnailUrl; the signature covers `"{source}/info.json"`.
 */
export async function infoUrl(source: string, options: SignOptions): Promise<string> {
  const secret = checkSecret(options);
  const key = validSource(source);
  const signature = options.legacy ? await signInfoLegacy(secret, key) : await signInfoV1(secret, key);
  return withBase(options.baseUrl, `${encodeSourcePath(key)}/info/${signature}.json`);
}

/**
 * The size text for a higher pixel density, in the same form (`100x` stays `Wx`, `100x0` keeps its
 * 0). Both sides scale by one factor so crops keep their aspect ratio; when 2× would pass
 * MAX_DIMENSION the factor shrinks to fit, and the caller labels the candidate with it.
 */
function scaledSize(text: string, density: number): { text: string; density: number } {
  const { width, height } = parseSize(text, MAX_DIMENSION);
  const factor = Math.min(density, MAX_DIMENSION / Math.max(width, height));
  const scale = (written: string, value: number) => (value === 0 ? written : String(Math.round(value * factor)));
  const [w = "", h = ""] = text.split("x");
  return { text: `${scale(w, width)}x${scale(h, height)}`, density: factor };
}

/**
 * A `srcset` value: the 1× URL and a 2× one with every non-zero dimension doubled. When doubling
 * would pass MAX_DIMENSION, both dimensions scale by the largest factor that fits (a crop keeps its
 * aspect ratio) and the candidate is labelled with that density, e.g. `3000x1000` gives
 * `4096x1365 1.365x`; at MAX_DIMENSION there is only the 1× candidate. Same arguments and errors as
 * thumbnailUrl.
 */
export async function thumbnailSrcset(
  source: string,
  size: string,
  method: Method,
  ext: Extension,
  options: SignOptions,
): Promise<string> {
  const one = await thumbnailUrl(source, size, method, ext, options);
  const hi = scaledSize(size, 2);
  if (hi.density <= 1) return `${one} 1x`;
  const two = await thumbnailUrl(source, hi.text, method, ext, options);
  return `${one} 1x, ${two} ${Number(hi.density.toFixed(3))}x`;
}

export interface PictureOptions extends SignOptions {
  /** The <img>'s alt text. Default "" (decorative). */
  alt?: string;
  /**
   * Further <img> attributes, e.g. `{ width: 100, height: 100, loading: "lazy", class: "thumb" }`.
   * `true` writes a bare attribute; `false`, null and undefined leave it out. src, srcset and alt are set here.
   */
  imgAttributes?: Record<string, string | number | boolean | null | undefined>;
}

const ATTRIBUTE_NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*$/;
const RESERVED_ATTRIBUTES = new Set(["src", "srcset", "alt"]);

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function imgAttributes(options: PictureOptions): string {
  let out = "";
  for (const [name, value] of Object.entries(options.imgAttributes ?? {})) {
    if (!ATTRIBUTE_NAME.test(name) || RESERVED_ATTRIBUTES.has(name.toLowerCase())) {
      throw new TypeError(`imgAttributes: '${name}' is not an attribute name that can be set here`);
    }
    if (value === true) out += ` ${name}`;
    else if (value !== false && value !== null && value !== undefined) out += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

/**
 * `<picture>` HTML: AVIF and WebP `<source>`s and a JPEG `<img>` fallback, each at 1× and 2× (as
 * thumbnailSrcset). Every attribute is escaped, so the result can go straight into HTML.
 */
export async function thumbnailPicture(
  source: string,
  size: string,
  method: Method,
  options: PictureOptions,
): Promise<string> {
  const [avif, webp, jpeg, src] = await Promise.all([
    thumbnailSrcset(source, size, method, ".avif", options),
    thumbnailSrcset(source, size, method, ".webp", options),
    thumbnailSrcset(source, size, method, ".jpg", options),
    thumbnailUrl(source, size, method, ".jpg", options),
  ]);
  const alt = requireString("alt", options.alt ?? "");
  return (
    `<picture>` +
    `<source type="image/avif" srcset="${escapeAttribute(avif)}">` +
    `<source type="image/webp" srcset="${escapeAttribute(webp)}">` +
    `<img src="${escapeAttribute(src)}" srcset="${escapeAttribute(jpeg)}" alt="${escapeAttribute(alt)}"${imgAttributes(options)}>` +
    `</picture>`
  );
}
