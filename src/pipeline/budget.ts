import type { ThumbnailRequest } from "../url";
import { jpegScale, storedTarget, type Plan } from "./geometry";
import type { ImageInfo } from "./probe";

/**
 * Memory per decoded pixel, fitted to `npm run bench` (README, Measured limits; every WebAssembly
 * memory counted, and they never shrink): the image core holds the (DCT-reduced) RGBA decode and
 * grows its memory in large steps; a progressive JPEG also keeps coefficients across scans; PNG,
 * WebP and AVIF are decoded whole by jSquash (RGBA in the codec's memory, a JS copy, the core's copy).
 */
export const DECODE_BYTES_PER_PIXEL = { jpeg: 8, jpegProgressive: 12, core: 8, whole: 15 } as const;

/** Memory per resized pixel: the resampled image in the core and the encoder's copy and buffers. */
export const ENCODE_BYTES_PER_PIXEL = 16;

/** The default of REQUEST_MEMORY_MB: what one thumbnail may hold. */
export const DECODE_BUDGET_BYTES = 64 * 1024 * 1024;

export interface DecodeCost {
  /** JPEG DCT reduction: 1, 2, 4 or 8 (always 1 for other formats). */
  readonly denom: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

/**
 * What the decoder will produce for this plan, and what the whole thumbnail will hold. JPEG is reduced in the DCT domain by jpegScale; when
 * that would not fit the budget, a further reduction that still leaves at least the target size is
 * taken (slightly softer, but a thumbnail rather than a 413).
 */
export function decodeCost(info: ImageInfo, plan: Plan, budgetBytes: number = DECODE_BUDGET_BYTES): DecodeCost {
  const encodeBytes = plan.resizeWidth * plan.resizeHeight * ENCODE_BYTES_PER_PIXEL;
  if (info.format !== "jpeg") {
    const perPixel = info.format === "gif" || info.format === "png" ? DECODE_BYTES_PER_PIXEL.core : DECODE_BYTES_PER_PIXEL.whole;
    const bytes = info.width * info.height * perPixel + encodeBytes;
    return { denom: 1, width: info.width, height: info.height, bytes };
  }
  const { width: targetWidth, height: targetHeight } = storedTarget(info.orientation, plan);
  const perPixel = info.progressive ? DECODE_BYTES_PER_PIXEL.jpegProgressive : DECODE_BYTES_PER_PIXEL.jpeg;
  const at = (denom: number): DecodeCost => {
    const width = Math.ceil(info.width / denom);
    const height = Math.ceil(info.height / denom);
    return { denom, width, height, bytes: width * height * perPixel + encodeBytes };
  };
  let cost = at(jpegScale(info.width, info.height, targetWidth, targetHeight));
  while (cost.bytes > budgetBytes && cost.denom < 8) {
    const next = at(cost.denom * 2);
    if (next.width < targetWidth || next.height < targetHeight) break;
    cost = next;
  }
  return cost;
}

/**
 * The most memory the pipeline will hold for this request at any moment, the source body aside:
 * every WebAssembly memory it touches (instances in use are counted nowhere else by the memory
 * ledger) and every buffer. Reserved before any pixel is read (thumbnails.ts). `budgetBytes` is
 * REQUEST_MEMORY_MB, which decides how far a large JPEG is reduced.
 */
export function pipelinePeakBytes(info: ImageInfo, plan: Plan, _request: ThumbnailRequest, budgetBytes: number = DECODE_BUDGET_BYTES): number {
  return decodeCost(info, plan, budgetBytes).bytes;
}
