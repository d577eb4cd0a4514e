import { jpegScale, type Plan } from "./geometry";
import type { ImageInfo } from "./probe";

/**
 * Decoding memory per decoded pixel, measured with `npm run bench` (README, Measured limits):
 * the image core's JPEG decoder holds the (DCT-reduced) RGBA output, plus for progressive JPEG the
 * coefficients kept across scans; PNG, WebP and AVIF are decoded whole by jSquash (RGBA in the
 * codec's memory, a JS copy, and the copy into the image core).
 */
export const DECODE_BYTES_PER_PIXEL = { jpeg: 4.5, jpegProgressive: 9, whole: 12 } as const;

/** What one decode may hold, so that a 128 MB isolate keeps room for its codecs and a second request. */
export const DECODE_BUDGET_BYTES = 64 * 1024 * 1024;

/** Pixels the decoder will produce for this plan: JPEG is reduced in the DCT domain. */
export function decodeCost(
  info: ImageInfo,
  plan: Plan,
): { readonly denom: number; readonly width: number; readonly height: number; readonly bytes: number } {
  if (info.format !== "jpeg") {
    return { denom: 1, width: info.width, height: info.height, bytes: info.width * info.height * DECODE_BYTES_PER_PIXEL.whole };
  }
  const transposed = info.orientation >= 5;
  const denom = jpegScale(
    info.width,
    info.height,
    transposed ? plan.resizeHeight : plan.resizeWidth,
    transposed ? plan.resizeWidth : plan.resizeHeight,
  );
  const width = Math.ceil(info.width / denom);
  const height = Math.ceil(info.height / denom);
  const perPixel = info.progressive ? DECODE_BYTES_PER_PIXEL.jpegProgressive : DECODE_BYTES_PER_PIXEL.jpeg;
  return { denom, width, height, bytes: width * height * perPixel };
}
