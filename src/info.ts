/**
 * A source's info document, `{BASE_PATH}{source}/info/{signature}.json`: its displayed size, format,
 * byte size, whether it has transparency, its dominant colour and a ThumbHash placeholder. Made once
 * from a decode of at most 100×100 pixels (a JPEG is decoded at 1/8 for it) through the thumbnail
 * pipeline, then stored, cached and purged like a thumbnail of the source.
 */
import { rgbaToThumbHash } from "thumbhash";
import type { Rgb } from "./config";
import { ThumbnailError } from "./errors";
import { generateFrame } from "./pipeline/index";
import type { Pixels } from "./pipeline/codecs";
import { swapsAxes } from "./pipeline/geometry";
import { verifyInfoSignature } from "./signature";
import { render, requireSignature, serveDerivative, type Derivative, type Services } from "./thumbnails";
import { parseSignature, parseSource, type ThumbnailRequest } from "./url";

export interface InfoDocument {
  /** As displayed: EXIF orientation applied. */
  readonly width: number;
  readonly height: number;
  readonly format: string;
  readonly bytes: number;
  readonly hasAlpha: boolean;
  /** `#rrggbb`. */
  readonly dominantColor: string;
  /** Base64 (standard alphabet, padded) ThumbHash. */
  readonly thumbhash: string;
}

/** ThumbHash takes at most 100×100 pixels; more would not make a better hash. */
export const INFO_FRAME = 100;

const INFO_PATH = /^(.+)\/info\/([^/]*)\.json$/;

/** The info request in `path` (after BASE_PATH), or undefined when `path` is not an info URL. */
export function parseInfoPath(path: string): { readonly source: string; readonly signature: string } | undefined {
  const match = INFO_PATH.exec(path);
  if (!match) return undefined;
  const [, encoded = "", signature = ""] = match;
  return { source: parseSource(encoded.split("/")), signature: parseSignature(signature) };
}

const hex2 = (n: number) => Math.round(n).toString(16).padStart(2, "0");
const colour = (c: Rgb) => `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}`;

/**
 * The most common colour at 4 bits per channel (weighted by alpha), as the mean of the pixels in that
 * bin: an average would turn a red flower on green leaves into brown. A fully transparent frame gives
 * `fallback`.
 */
export function dominantColour(pixels: Pixels, fallback: Rgb): string {
  const weight = new Float64Array(4096);
  const sums = new Float64Array(4096 * 3);
  const d = pixels.data;
  for (let i = 0; i + 3 < d.length; i += 4) {
    const r = d[i] ?? 0;
    const g = d[i + 1] ?? 0;
    const b = d[i + 2] ?? 0;
    const a = d[i + 3] ?? 0;
    const bin = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    weight[bin] = (weight[bin] ?? 0) + a;
    sums[bin * 3] = (sums[bin * 3] ?? 0) + r * a;
    sums[bin * 3 + 1] = (sums[bin * 3 + 1] ?? 0) + g * a;
    sums[bin * 3 + 2] = (sums[bin * 3 + 2] ?? 0) + b * a;
  }
  let best = 0;
  for (let bin = 1; bin < 4096; bin++) if ((weight[bin] ?? 0) > (weight[best] ?? 0)) best = bin;
  const w = weight[best] ?? 0;
  if (w === 0) return colour(fallback);
  return colour({ r: (sums[best * 3] ?? 0) / w, g: (sums[best * 3 + 1] ?? 0) / w, b: (sums[best * 3 + 2] ?? 0) / w });
}

export function hasTransparency(pixels: Pixels): boolean {
  const d = pixels.data;
  for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 255) < 255) return true;
  return false;
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Serves `{source}/info/{signature}.json` (`path` after BASE_PATH) like a thumbnail: the signature is
 * checked once the edge cache has missed, as a thumbnail's is.
 */
export async function serveInfo(request: Request, path: string, s: Services): Promise<Response> {
  const parsed = parseInfoPath(path);
  if (!parsed) throw new ThumbnailError("BAD_URL", { detail: "url: expected <source>/info/<signature>.json" });
  const { source, signature } = parsed;
  const verify = () => requireSignature(signature, s.config, (keys) => verifyInfoSignature(source, signature, keys));
  return serveDerivative(request, infoDerivative(source, signature), s, { verify });
}

/** The info document's derivative of `source`, stored as `source/info/<signature>.json`. */
export function infoDerivative(source: string, signature: string): Derivative {
  // The pipeline request the small frame is costed and planned as: fit in 100×100, never enlarged.
  const request: ThumbnailRequest = {
    source,
    size: { width: INFO_FRAME, height: INFO_FRAME, text: `${INFO_FRAME}x${INFO_FRAME}` },
    method: "scale",
    ext: ".png",
    format: "png",
    signature,
    key: `${source}/info/${signature}.json`,
  };
  return {
    source,
    rest: `info/${signature}.json`,
    async make(body, s, deadline) {
      const start = performance.now();
      const config = { ...s.config, upscale: false };
      const { pixels, info } = await render(body, request, { ...s, config }, deadline, async (core, bytes, prepared, input) => ({
        pixels: await generateFrame(request, config, core, bytes, prepared, input),
        info: prepared.info,
      }));
      const swapped = swapsAxes(info.orientation);
      const document: InfoDocument = {
        width: swapped ? info.height : info.width,
        height: swapped ? info.width : info.height,
        format: info.format,
        bytes: body.size,
        hasAlpha: hasTransparency(pixels),
        dominantColor: dominantColour(pixels, s.config.background),
        thumbhash: base64(rgbaToThumbHash(pixels.width, pixels.height, pixels.data)),
      };
      return {
        bytes: new TextEncoder().encode(JSON.stringify(document)),
        contentType: "application/json",
        timings: [["info", performance.now() - start]],
      };
    },
  };
}
