import { ThumbnailError } from "./errors";

export const METHODS = ["crop", "scale", "smart"] as const;
export type Method = (typeof METHODS)[number];

export type OutputFormat = "jpeg" | "png" | "webp" | "avif";
export const EXTENSIONS = {
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".png": "png",
  ".webp": "webp",
  ".avif": "avif",
} as const satisfies Record<string, OutputFormat>;
export type Extension = keyof typeof EXTENSIONS;

/** 0 on one side means "follow the aspect ratio"; never 0 on both. */
export interface Size {
  readonly width: number;
  readonly height: number;
  /** As written in the URL: it is what gets signed. */
  readonly text: string;
}

export interface ThumbnailRequest {
  /** Decoded UTF-8 object key, without SOURCE_PREFIX. */
  readonly source: string;
  readonly size: Size;
  readonly method: Method;
  readonly ext: Extension;
  readonly format: OutputFormat;
  /** Lowercase hex as written in the URL (32 chars for v1, 40 for legacy). */
  readonly signature: string;
  /** `source/size/method/signature.ext` with the decoded source: the storage key suffix. */
  readonly key: string;
}

const MAX_KEY_BYTES = 1024;
// Control characters make keys that logs, shells and R2 listings render ambiguously.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function parseSource(segments: readonly string[]): string {
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    throw new ThumbnailError("BAD_SOURCE", { detail: "source: expected percent-encoded UTF-8 path segments" });
  }
  const source = decoded.join("/");
  for (const part of source.split("/")) {
    if (part === "" || part === "." || part === "..") {
      throw new ThumbnailError("BAD_SOURCE", { detail: "source: expected no empty, '.' or '..' path segments" });
    }
  }
  if (source.includes("\\")) throw new ThumbnailError("BAD_SOURCE", { detail: "source: expected no backslashes" });
  if (CONTROL.test(source)) throw new ThumbnailError("BAD_SOURCE", { detail: "source: expected no control characters" });
  if (new TextEncoder().encode(source).byteLength > MAX_KEY_BYTES) {
    throw new ThumbnailError("BAD_SOURCE", { detail: `source: expected at most ${MAX_KEY_BYTES} bytes of UTF-8` });
  }
  return source;
}

const SIZE = /^(\d*)x(\d*)$/;

export function parseSize(text: string, maxDimension: number): Size {
  const match = SIZE.exec(text);
  const expected = `size: expected WxH, Wx or xH with integers up to ${maxDimension}, got '${text}'`;
  if (!match || text.length > 11) throw new ThumbnailError("BAD_SIZE", { detail: expected });
  const width = match[1] ? Number(match[1]) : 0;
  const height = match[2] ? Number(match[2]) : 0;
  if ((width === 0 && height === 0) || width > maxDimension || height > maxDimension) {
    throw new ThumbnailError("BAD_SIZE", { detail: expected });
  }
  return { width, height, text };
}

export function parseMethod(text: string): Method {
  if ((METHODS as readonly string[]).includes(text)) return text as Method;
  throw new ThumbnailError("BAD_METHOD", { detail: `method: expected one of ${METHODS.join(", ")}, got '${text}'` });
}

export function parseExtension(text: string): Extension {
  if (Object.hasOwn(EXTENSIONS, text)) return text as Extension;
  throw new ThumbnailError("BAD_FORMAT", {
    detail: `ext: expected one of ${Object.keys(EXTENSIONS).join(", ")}, got '${text}'`,
  });
}

const SIGNATURE = /^(?:[0-9a-f]{32}|[0-9a-f]{40})$/;

export function parseSignature(text: string): string {
  if (SIGNATURE.test(text)) return text;
  throw new ThumbnailError("BAD_SIGNATURE", { detail: "signature: expected 32 (v1) or 40 (legacy) lowercase hex digits" });
}

/** `path` is the raw (still percent-encoded) URL path after BASE_PATH. */
export function parseThumbnailPath(path: string, maxDimension: number): ThumbnailRequest {
  const segments = path.split("/");
  if (segments.length < 4) {
    throw new ThumbnailError("BAD_URL", { detail: "url: expected <source>/<size>/<method>/<signature>.<ext>" });
  }
  const last = segments.pop() as string;
  const methodText = segments.pop() as string;
  const sizeText = segments.pop() as string;
  const dot = last.lastIndexOf(".");
  if (dot < 0) throw new ThumbnailError("BAD_FORMAT", { detail: "ext: expected an extension after the signature" });
  const ext = parseExtension(last.slice(dot));
  const size = parseSize(sizeText, maxDimension);
  const method = parseMethod(methodText);
  const source = parseSource(segments);
  const signature = parseSignature(last.slice(0, dot));
  return {
    source,
    size,
    method,
    ext,
    format: EXTENSIONS[ext],
    signature,
    key: `${source}/${size.text}/${method}/${signature}${ext}`,
  };
}

/** The URL path (after the base) for a source key: each segment encoded like encodeURIComponent. */
export function encodeSourcePath(source: string): string {
  return source.split("/").map(encodeURIComponent).join("/");
}
