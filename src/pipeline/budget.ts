/**
 * What a thumbnail costs in memory, computed from the header and the plan before any pixel is
 * decoded. The streaming core holds strips, not frames, so the cost is a sum of what each part of the
 * pipeline holds at the pipeline's busiest moment (README, "Memory"). The image core's part becomes its
 * instance's memory maximum: a request can never grow the core past what it reserved, whatever its
 * data claims, so an estimate that is too low fails that request (a 422) and never the isolate.
 */
import type { ThumbnailRequest } from "../url";
import type { AvifFile, AvifPicture } from "./avif";
import { avifQuantizer } from "./avif-settings";
import { jpegScale, storedTarget, webpScale, type Plan } from "./geometry";
import { CorePool } from "./pool";
import { webpFrameIsWhole, type EmbeddedProfile, type ImageInfo } from "./probe";

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

/** The AV1 module's memory before it allocates: static data and a 1 MiB stack (wasm/av1.build.mjs --initial-memory). */
export const AV1_INITIAL_BYTES = 3 * 1024 * 1024;
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
  return av1InstanceSize(av1DecoderNeed(file));
}

/** What dav1d needs for `file`, before it is rounded to an instance size. */
function av1DecoderNeed(file: AvifFile): number {
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
  return pictures + (AV1_INITIAL_BYTES + AV1_DECODE_BASE_BYTES + frame + item + rows) * CORE_SLACK;
}

/**
 * The WebP decoder's instance (src/pipeline/webp.ts), measured with `node scripts/bench/webp-memory.mjs`:
 * its static data, stack and libwebp's fixed structures (Huffman tables of a lossless image among
 * them); per column of the rows it hands out, the 32-row strip its output stage writes into (128
 * bytes), the rescaler's work rows and the canvas row of an animation (48); per column of the image,
 * a lossy decoder's macroblock-row caches and contexts (measured 128 bytes at 4000 and 8000 wide).
 * A lossless (VP8L) decoder keeps its whole ARGB frame and 33 more rows; a lossy image's alpha is
 * held whole too, 1–5.5 bytes per pixel (WebpInfo.alpha).
 */
const WEBP_BASE_BYTES = 512 * 1024;
const WEBP_BYTES_PER_OUTPUT_COLUMN = 176;
const WEBP_LOSSY_BYTES_PER_COLUMN = 160;
const WEBP_SLACK = 1.1;

/** The WebP decoder instance's memory: the source's copy and what libwebp holds decoding to `rows`. */
export function webpDecoderBytes(info: ImageInfo, rows: { readonly width: number }, sourceBytes: number): number {
  const webp = info.webp ?? { lossless: true, alpha: 5.5, frame: info };
  const { frame } = webp;
  let bytes = WEBP_BASE_BYTES + sourceBytes + rows.width * WEBP_BYTES_PER_OUTPUT_COLUMN;
  if (webp.lossless) bytes += 4 * frame.width * (frame.height + 33);
  else bytes += frame.width * WEBP_LOSSY_BYTES_PER_COLUMN + Math.ceil(webp.alpha * frame.width * frame.height);
  return Math.ceil(bytes * WEBP_SLACK);
}

/**
 * The rows libwebp hands out: scaled while decoding (webpScale) when the image, or an animation's
 * first frame, covers the whole canvas; an animation's smaller first frame goes onto its canvas at
 * full size.
 */
export function webpRows(info: ImageInfo, target: { readonly width: number; readonly height: number }): { width: number; height: number } {
  return webpFrameIsWhole(info) ? { ...webpScale(info.width, info.height, target.width, target.height) } : { width: info.width, height: info.height };
}

/**
 * What jSquash's WebP encoder holds besides the core. An encode gets a JS copy of the RGBA frame (4
 * bytes per pixel) and its instance grows from its initial memory by whole steps as it copies the
 * frame in and works on it: measured 51.9 MB after a 2400×1960 encode.
 */
const WEBP_ENCODER_BYTES_PER_PIXEL = 11.5;
const WEBP_ENCODER_FLOOR = 16 * 1024 * 1024;

/** A jSquash WebP encode of `pixels`: the JS copy of the frame and the codec instance. */
export function webpEncodeBytes(pixels: number): number {
  return pixels * 4 + Math.max(WEBP_ENCODER_FLOOR, pixels * WEBP_ENCODER_BYTES_PER_PIXEL);
}

/**
 * The most an AVIF thumbnail's pictures (colour and alpha) take per pixel, by libaom's quantizer:
 * noise, which nothing compresses, measured with `node scripts/bench/av1-memory.mjs --noise` at 3.16
 * bytes at quantizer 0 (AVIF_QUALITY 100), 1.69 at 10, 1.26 at 25 (quality 60), 0.78 at 40; photos
 * take a tenth of that. Between two rows, the larger applies.
 */
const AVIF_OUTPUT_BYTES_PER_PIXEL: ReadonlyArray<readonly [number, number]> = [
  [0, 3.3],
  [10, 1.8],
  [25, 1.35],
  [40, 0.85],
];

/** The largest AVIF (colour and alpha pictures) libaom makes of `pixels` at AVIF_QUALITY `quality`. */
export function avifOutputBound(pixels: number, quality: number): number {
  const quantizer = avifQuantizer(quality);
  let perPixel = AVIF_OUTPUT_BYTES_PER_PIXEL[0]?.[1] ?? 0;
  for (const [from, bytes] of AVIF_OUTPUT_BYTES_PER_PIXEL) if (quantizer >= from) perPixel = bytes;
  return Math.ceil(pixels * perPixel) + 65536;
}

/**
 * libaom encoding a thumbnail in the AV1 instance (av1.ts encodeAvif, wasm/aom/encode.c): the planes
 * (1.5 bytes per pixel, 1 more for alpha), libaom's frame buffers with their borders, mode info and
 * search buffers (20 bytes per pixel covers them from 300² to 2560×1600, alpha included), and what
 * grows with the encoded size: the entropy coder's buffers (two bytes per output byte, grown by
 * realloc) and the output itself, 3.5 times the largest output (measured up to 3.3). `node scripts/bench/av1-memory.mjs`
 * measures the instance after one encode, of a photo and (`--noise`) of noise.
 */
const AV1_ENCODE_BASE_BYTES = 6 * 1024 * 1024;
const AV1_ENCODE_BYTES_PER_PIXEL = 20;
const AV1_ENCODE_BYTES_PER_OUTPUT_BYTE = 3.5;

/** The AV1 instance's memory for encoding a `width`×`height` AVIF at AVIF_QUALITY `quality`, alpha included. */
export function av1EncoderBytes(width: number, height: number, quality: number): number {
  const pixels = width * height;
  return Math.ceil(AV1_INITIAL_BYTES + AV1_ENCODE_BASE_BYTES + pixels * AV1_ENCODE_BYTES_PER_PIXEL + AV1_ENCODE_BYTES_PER_OUTPUT_BYTE * avifOutputBound(pixels, quality));
}

/** The pool's size for an AV1 instance that needs `need` bytes: a size class when it may be kept, else to the page. */
function av1InstanceSize(need: number): number {
  return need <= AV1_KEEP_BYTES ? CorePool.sizeFor(need) : Math.ceil(need / 65536) * 65536;
}

export type Channels = 1 | 3 | 4;

/** Colour grid nodes per axis: lcms's own defaults for its precalculated transforms (33 for RGB, 17 for CMYK); grey has one per value. */
export const GRID_SIZE: Record<Channels, number> = { 1: 256, 3: 33, 4: 17 };

/** A colour grid's bytes (4 × u16 per node), in the image core and in the isolate's cache. */
export function gridBytes(channels: Channels): number {
  return GRID_SIZE[channels] ** channels * 8;
}

/** Profiles past this are not applied (libvips would; none of the usual ones is a tenth of it). */
export const MAX_PROFILE_BYTES = 4 * 2 ** 20;

/** lcms2.wasm's static data, stack and first heap pages (wasm/lcms2.build.mjs --initial-memory). */
export const LCMS_BASE_BYTES = 256 * 1024;

/**
 * Little CMS's instance while it samples one grid (pipeline/icc.ts): its base, the profile copied
 * in, lcms's parsed copy (CLUTs as u16: at most the file's size again) and the transform's working
 * data, then the grid it writes. Measured: 0.56 MB for a 2 KB matrix/TRC profile, 2.06 MB for a
 * 557 KB CMYK one (CLUT).
 */
export function lcmsBytes(profileBytes: number, channels: Channels): number {
  return LCMS_BASE_BYTES + 768 * 1024 + 3 * profileBytes + gridBytes(channels);
}

/**
 * The largest profile a PNG's iCCP may inflate to: ten times its compressed size (matrix profiles
 * compress about 2:1, CLUT ones 3:1), so that what is reserved for lcms from the compressed size
 * holds; past it the profile is ignored.
 */
export function profileBytesBound(icc: EmbeddedProfile): number {
  return icc.deflated ? Math.min(MAX_PROFILE_BYTES, icc.bytes.byteLength * 10 + 65536) : icc.bytes.byteLength;
}

/** The colour stage in the core: the grid copied in, its index tables and one output row. */
function colourCoreBytes(icc: EmbeddedProfile | undefined, rowWidth: number): number {
  return icc ? gridBytes(icc.channels) + 8192 + rowWidth * 4 + 64 : 0;
}

/** zlib's state at level 4 (window, hash chains: ~270 KB) and the output it grows in steps. */
const PNG_DEFLATE_STATE_BYTES = 1024 * 1024;

/**
 * PNG output outside the core, each part at most the rows (RGBA: height × (4 × width + 1)) plus
 * deflate's stored-block overhead, which incompressible noise reaches: the unfiltered rows' stream
 * (flat images try it too), the filtered rows' stream, the file assembled from the smaller; and the
 * compressor itself.
 */
export function pngOutputBytes(width: number, height: number): number {
  const rows = height * (4 * width + 1);
  const bound = rows + Math.ceil(rows / 16384) * 5 + 64 * 1024;
  return 3 * bound + PNG_DEFLATE_STATE_BYTES;
}

export interface Cost {
  /** JPEG DCT reduction: 1, 2, 4 or 8 (always 1 for other formats). */
  readonly denom: number;
  /** The size of the rows the decoder emits. */
  readonly rows: { readonly width: number; readonly height: number };
  /** The image core's memory at its peak: the maximum its instance is given. */
  readonly coreBytes: number;
  /** The WebP decoder instance's memory maximum (0 for other sources): part of `otherBytes`. */
  readonly decoderBytes: number;
  /**
   * The AV1 instance's memory maximum (0 when neither source nor output is AVIF): part of `otherBytes`.
   * An AVIF source thumbnailed to AVIF decodes and encodes in the one instance, so it is the larger of
   * the two needs, not their sum.
   */
  readonly av1Bytes: number;
  /** What is held outside the core at the peak (codec instances' memory, JS copies of frames, PNG output), besides the source bytes. */
  readonly otherBytes: number;
}

/** A FrameSink's frame: RGBA and one spare byte per row (the PNG encoder filters in place). */
const frameBytes = (width: number, height: number) => width * height * 4 + height;

/** Lanczos3 taps per output sample for a reduction from `from` to `to` samples. */
const taps = (from: number, to: number) => Math.ceil(6 * Math.max(1, from / to)) + 1;

/** The resize stage: one widened source row, the ring of resampled rows, the filter tables. */
function resizeBytes(from: { width: number; height: number }, to: { width: number; height: number }, window: { width: number; height: number }): number {
  const tx = taps(from.width, to.width);
  const ty = taps(from.height, to.height);
  return from.width * 16 + (ty + 1) * window.width * 16 + window.width * 20 + window.width * (tx + 1) * 16 + window.height * (ty + 1) * 16;
}

/** What a decoder holds in the core besides the rows it pushes. */
function decoderBytes(info: ImageInfo, denom: number, rows: { readonly width: number }): number {
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
    case "webp":
      // The row each of the WebP decoder's rows is copied into.
      return rows.width * 4 + 64;
    case "avif":
      // One RGBA row pushed from dav1d's instance (counted in otherBytes).
      return info.width * 4 + 64;
    default:
      // AVIF: jSquash's frame, copied into the core as the source.
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

function costAt(info: ImageInfo, plan: Plan, request: ThumbnailRequest, denom: number, sourceBytes: number, avifQuality: number): Cost {
  const target = storedTarget(info.orientation, plan);
  const rows = info.format === "webp" ? webpRows(info, target) : { width: Math.ceil(info.width / denom), height: Math.ceil(info.height / denom) };
  const output = { width: plan.width, height: plan.height };
  const fill = plan.resizeWidth !== plan.width || plan.resizeHeight !== plan.height;
  const oriented = info.orientation > 1 && info.orientation <= 8;
  const jpegOut = request.format === "jpeg";
  const decode = sourceBytes + decoderBytes(info, denom, rows) + colourCoreBytes(info.icc, Math.max(rows.width, output.width));
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
  // The PNG encoder's scratch, once the pass has ended: a filtered band of 16 rows and a row of zeros
  // (png.ts unfilteredWins), then an output row and a row of zeros (pngFilterRows).
  if (request.format === "png") core += 17 * (output.width * 4 + 1) + 64;
  // Instances this request drops (Little CMS's before the decode, the decoder's before the encode)
  // give their memory back only when the collector runs, and nothing here can make it run before the
  // next one grows: measured, a 24 MP AVIF's dav1d instance (50 MB) was still live while the AVIF
  // encoder grew to 40 MB. So what runs one after the other is counted as held together.
  const decoder = info.format === "webp" ? webpDecoderBytes(info, rows, sourceBytes) : 0;
  const av1Decode = info.format === "avif" && info.avif ? av1DecoderNeed(info.avif) : 0;
  const av1Encode = request.format === "avif" ? av1EncoderBytes(output.width, output.height, avifQuality) : 0;
  const av1 = av1Decode || av1Encode ? av1InstanceSize(Math.max(av1Decode, av1Encode)) : 0;
  let other = decoder + av1;
  // The encoded pictures copied out of the AV1 instance, and the file made of them.
  if (request.format === "avif") other += 2 * avifOutputBound(output.width * output.height, avifQuality);
  if (request.format === "png") other += pngOutputBytes(output.width, output.height);
  else if (request.format === "webp") other += webpEncodeBytes(output.width * output.height);
  if (info.icc && profileBytesBound(info.icc) <= MAX_PROFILE_BYTES) other += lcmsBytes(profileBytesBound(info.icc), info.icc.channels);
  return { denom, rows, coreBytes: Math.ceil(CORE_BASE_BYTES + core * CORE_SLACK), decoderBytes: decoder, av1Bytes: av1, otherBytes: other };
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
export function estimateCost(info: ImageInfo, plan: Plan, request: ThumbnailRequest, sourceBytes: number, budget: number, avifQuality: number): Cost {
  if (info.format !== "jpeg") return costAt(info, plan, request, 1, sourceBytes, avifQuality);
  const target = storedTarget(info.orientation, plan);
  let cost = costAt(info, plan, request, jpegScale(info.width, info.height, target.width, target.height), sourceBytes, avifQuality);
  while (peakBytes(cost) > budget && cost.denom < 8) {
    const next = costAt(info, plan, request, cost.denom * 2, sourceBytes, avifQuality);
    if (next.rows.width < target.width || next.rows.height < target.height) break;
    cost = next;
  }
  return cost;
}
