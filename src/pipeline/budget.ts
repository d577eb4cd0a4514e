/**
 * What a thumbnail costs in memory, computed from the header and the plan before any pixel is
 * decoded. The streaming core holds strips, not frames, so the cost is a sum of what each part of the
 * pipeline holds at the pipeline's busiest moment (README, "Memory"). The image core's part becomes its
 * instance's memory maximum: a request can never grow the core past what it reserved, whatever its
 * data claims, so an estimate that is too low fails that request (a 422) and never the isolate.
 */
import type { OutputFormat, ThumbnailRequest } from "../url";
import type { AvifFile, AvifPicture } from "./avif";
import { jpegScale, storedTarget, type Plan } from "./geometry";
import { CorePool } from "./pool";
import type { ImageInfo } from "./probe";

/** The core's memory before a request allocates: its static data and the allocator's first pages. */
export const CORE_BASE_BYTES = 1024 * 1024;
/** Allocator headers, alignment and the fragmentation of a few large blocks freed and reused. */
const CORE_SLACK = 1.1;

/**
 * Bytes per stored coefficient block of a buffered (progressive) JPEG decode, by DCT reduction: the
 * coefficients the box-average fold needs, or past FOLD_BUDGET the N×N lowest frequencies only, as
 * i16, and (but at 1/8) a 64-bit mask of the non-zero ones (jpeg/decoder.ts).
 */
const COEFFICIENT_BLOCK_BYTES: Record<number, { readonly fold: number; readonly plain: number }> = {
  1: { fold: 136, plain: 136 },
  2: { fold: 112, plain: 40 },
  4: { fold: 64, plain: 16 },
  8: { fold: 8, plain: 8 },
};
/** jpeg/decoder.ts FOLD_BUDGET: past this many bytes of folded coefficients, the plain ones are kept. */
const FOLD_BUDGET = 4 * 1024 * 1024;
/** PNG decoder's working block: inflate window and tables, lookup table (png/decoder.ts). */
const PNG_WORK_BYTES = 200 * 1024;
/** GIF decoder's working block: palette, LZW table, string buffer (gif/decoder.ts). */
const GIF_WORK_BYTES = 32 * 1024;

/** The dav1d module's memory before it allocates: static data and a 1 MiB stack (wasm/dav1d.build.mjs --initial-memory). */
export const AV1_INITIAL_BYTES = 2 * 1024 * 1024;
/**
 * What dav1d holds besides the pictures while it decodes a frame, per pixel of that frame (block and
 * mode info, loop filter masks, CDEF and restoration line buffers): measured 0.42–0.44 bytes per
 * pixel at 12 and 24 MP, 8-bit; twice that is allowed for 10/12-bit.
 */
const AV1_DECODE_BYTES_PER_PIXEL = 0.5;
const AV1_DECODE_BASE_BYTES = 1024 * 1024;
/** An instance up to this size is pooled (av1.ts Av1Pool), so it is given a size class; a larger one is made to measure. */
export const AV1_KEEP_BYTES = 16 * 1024 * 1024;

/** dav1d_default_picture_alloc's buffer for one picture of `p`'s tiles (picture.c). */
function av1PictureBytes(p: AvifPicture, alpha: boolean): number {
  const hbd = p.config.bitDepth > 8 ? 1 : 0;
  const alignedW = (p.tileWidth + 127) & ~127;
  const alignedH = (p.tileHeight + 127) & ~127;
  let yStride = alignedW << hbd;
  if (!(yStride & 1023)) yStride += 64;
  const chroma = !alpha && !p.config.monochrome;
  let uvStride = chroma ? yStride >> (p.config.subsamplingX ? 1 : 0) : 0;
  if (chroma && !(uvStride & 1023)) uvStride += 64;
  return yStride * alignedH + 2 * uvStride * (alignedH >> (p.config.subsamplingY ? 1 : 0)) + 64;
}

/**
 * The dav1d instance's memory (av1.ts), as the size it is given: every decoded picture kept (the
 * colour tiles and the alpha tiles, as planes: no RGBA frame), the state of the one frame being
 * decoded, one item's data, and the rows on their way out. The pictures' size is exact (dav1d's own
 * formula); the slack is on the rest.
 */
export function av1DecoderBytes(file: AvifFile): number {
  let pictures = 0;
  let frame = 0;
  let item = 0;
  for (const [p, alpha] of [[file.color, false], [file.alpha, true]] as const) {
    if (!p) continue;
    pictures += p.tiles.length * av1PictureBytes(p, alpha);
    frame = Math.max(frame, p.tileWidth * p.tileHeight * AV1_DECODE_BYTES_PER_PIXEL * (p.config.bitDepth > 8 ? 2 : 1));
    for (const tile of p.tiles) item = Math.max(item, tile.length);
  }
  const rows = file.color.width * 8 + file.color.tileWidth * 24;
  const need = pictures + (AV1_INITIAL_BYTES + AV1_DECODE_BASE_BYTES + frame + item + rows) * CORE_SLACK;
  return need <= AV1_KEEP_BYTES ? CorePool.sizeFor(need) : Math.ceil(need / 65536) * 65536;
}

/**
 * What jSquash holds besides the core. A WebP/AVIF decode keeps the RGBA frame in the codec's memory
 * and gives a JS copy. An encode gets a JS copy of the RGBA frame (4 bytes per pixel) and its codec's
 * instance grows from its initial memory by whole steps as it copies the frame in and works on it:
 * measured instance sizes after one encode (2400×1960 WebP 51.9 MB, 1600² AVIF 83.5 MB, 600² AVIF
 * 19.3 MB, 1920×1080 PNG 34.8 MB) give the per-pixel figures and floors below.
 */
export const JSQUASH_DECODE_BYTES_PER_PIXEL = 10;
const JSQUASH_ENCODER: Record<Exclude<OutputFormat, "jpeg">, { readonly perPixel: number; readonly floor: number }> = {
  png: { perPixel: 17, floor: 2 * 1024 * 1024 },
  webp: { perPixel: 11.5, floor: 16 * 1024 * 1024 },
  avif: { perPixel: 33, floor: 20 * 1024 * 1024 },
};

/** A jSquash encode of `pixels`: the JS copy of the frame and the codec instance. */
export function jsquashEncodeBytes(format: Exclude<OutputFormat, "jpeg">, pixels: number): number {
  const codec = JSQUASH_ENCODER[format];
  return pixels * 4 + Math.max(codec.floor, pixels * codec.perPixel);
}

export interface Cost {
  /** JPEG DCT reduction: 1, 2, 4 or 8 (always 1 for other formats). */
  readonly denom: number;
  /** The size of the rows the decoder emits. */
  readonly rows: { readonly width: number; readonly height: number };
  /** The image core's memory at its peak: the maximum its instance is given. */
  readonly coreBytes: number;
  /** Codec instances (dav1d, jSquash) and JS copies of frames at their peak, besides the core and the source bytes. */
  readonly otherBytes: number;
}

const frameBytes = (width: number, height: number) => width * height * 4;

/** Lanczos3 taps per output sample for a reduction from `from` to `to` samples. */
const taps = (from: number, to: number) => Math.ceil(6 * Math.max(1, from / to)) + 1;

/** The resize stage: one widened source row, the ring of resampled rows, the filter tables. */
function resizeBytes(from: { width: number; height: number }, to: { width: number; height: number }, window: { width: number; height: number }): number {
  const tx = taps(from.width, to.width);
  const ty = taps(from.height, to.height);
  return from.width * 16 + (ty + 1) * window.width * 16 + window.width * 20 + window.width * (tx + 1) * 16 + window.height * (ty + 1) * 16;
}

/** What a decoder holds besides the rows it pushes. */
function decoderBytes(info: ImageInfo, denom: number): number {
  const width = Math.ceil(info.width / denom);
  switch (info.format) {
    case "jpeg": {
      const jpeg = info.jpeg ?? { buffered: true, blocks: Math.ceil(info.width / 8) * Math.ceil(info.height / 8) * 3, mcuRows: 16 };
      // Three MCU-row planes per component (the upsampler reads the rows above and below) and a row.
      const streaming = 4 * 3 * (width + 64) * (jpeg.mcuRows / denom + 8) + (width + 64) * 16;
      if (!jpeg.buffered) return streaming;
      const per = COEFFICIENT_BLOCK_BYTES[denom] ?? { fold: 136, plain: 136 };
      const fold = jpeg.blocks * per.fold;
      return streaming + (fold > FOLD_BUDGET ? jpeg.blocks * per.plain : fold);
    }
    case "png":
      // Two raw rows of up to 8 bytes per pixel, one RGBA row; Adam7 holds the frame.
      return PNG_WORK_BYTES + info.width * 20 + 64 + (info.interlaced ? frameBytes(info.width, info.height) : 0);
    case "gif":
      return GIF_WORK_BYTES + info.width * info.height + info.height * 4 + info.width * 4 + 65536;
    case "avif":
      // One RGBA row pushed from dav1d's instance (counted in otherBytes).
      return info.width * 4 + 64;
    default:
      // WebP: jSquash's frame, copied into the core as the source.
      return frameBytes(info.width, info.height);
  }
}

/**
 * The JPEG encoder taking rows (jpegenc/encoder.ts JpegWriter): one 16-row strip in and its
 * transform buffers, the entropy-coded stream it keeps for the optimised Huffman tables (1.2–1.6×
 * the final JPEG on photos, up to 2.9× on flat images) and, at the end, the JPEG itself. 1.5 bytes
 * per pixel covers a JPEG of up to ~0.5 bytes per pixel, past any q80 photo (measured 0.1–0.35).
 */
export function jpegWriterBytes(width: number, height: number): number {
  const stripWidth = Math.ceil(width / 16) * 16;
  return stripWidth * 16 * 4 * 2 + width * height * 1.5 + 65536;
}

function costAt(info: ImageInfo, plan: Plan, request: ThumbnailRequest, denom: number, sourceBytes: number): Cost {
  const rows = { width: Math.ceil(info.width / denom), height: Math.ceil(info.height / denom) };
  const target = storedTarget(info.orientation, plan);
  const output = { width: plan.width, height: plan.height };
  const fill = plan.resizeWidth !== plan.width || plan.resizeHeight !== plan.height;
  const oriented = info.orientation > 1 && info.orientation <= 8;
  const jpegOut = request.format === "jpeg";
  const decode = sourceBytes + decoderBytes(info, denom);
  let core: number;
  // A second pass allocates while the first pass's frame is still held, and what the first pass freed
  // is rarely one hole large enough for it: the passes add up.
  const sink = jpegOut ? jpegWriterBytes(output.width, output.height) : frameBytes(output.width, output.height);
  if (request.method === "smart" && fill) {
    // Pass 1: decode and resize into the resized frame; pass 2: that frame, cropped, into the sink.
    core = decode + resizeBytes(rows, target, target) + frameBytes(target.width, target.height) + sink;
  } else {
    const pass1 = decode + resizeBytes(rows, target, fill ? output : target);
    // Orientation (and a whole-frame encoder) needs the output frame; JPEG then encodes it in a second pass.
    core = pass1 + (jpegOut && !oriented ? sink : frameBytes(output.width, output.height) + (jpegOut ? sink : 0));
  }
  let other = 0;
  if (info.format === "webp") other = info.width * info.height * JSQUASH_DECODE_BYTES_PER_PIXEL;
  // The dav1d instance is given back before an encoder runs (encode.ts releases the source first).
  if (info.format === "avif" && info.avif) other = av1DecoderBytes(info.avif);
  if (request.format !== "jpeg") other = Math.max(other, jsquashEncodeBytes(request.format, output.width * output.height));
  return { denom, rows, coreBytes: Math.ceil(CORE_BASE_BYTES + core * CORE_SLACK), otherBytes: other };
}

/** The whole peak: what the ledger reserves for this thumbnail besides the source bytes it holds. */
export function peakBytes(cost: Cost): number {
  return cost.coreBytes + cost.otherBytes;
}

/**
 * The plan's cost. JPEG is reduced in the DCT domain by jpegScale; when that would not fit `budget`,
 * a further reduction that still leaves at least the target size is taken (slightly softer, but a
 * thumbnail rather than a 413).
 */
export function estimateCost(info: ImageInfo, plan: Plan, request: ThumbnailRequest, sourceBytes: number, budget: number): Cost {
  if (info.format !== "jpeg") return costAt(info, plan, request, 1, sourceBytes);
  const target = storedTarget(info.orientation, plan);
  let cost = costAt(info, plan, request, jpegScale(info.width, info.height, target.width, target.height), sourceBytes);
  while (peakBytes(cost) > budget && cost.denom < 8) {
    const next = costAt(info, plan, request, cost.denom * 2, sourceBytes);
    if (next.rows.width < target.width || next.rows.height < target.height) break;
    cost = next;
  }
  return cost;
}
