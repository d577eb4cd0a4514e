import { ThumbnailError } from "../errors";
import type { Method, OutputFormat, Size } from "../url";

export interface Plan {
  /** Size to resample the (oriented) image to. */
  readonly resizeWidth: number;
  readonly resizeHeight: number;
  /** Final thumbnail size; smaller than the resize size only for crop and smart. */
  readonly width: number;
  readonly height: number;
}

/**
 * Works out the thumbnail geometry for an oriented source of `width` × `height`. `scale` fits
 * inside the box and only enlarges with `upscale`; `crop` and `smart` always fill the box (that is
 * their promise: the exact size asked for), enlarging small sources when needed.
 */
export function planGeometry(width: number, height: number, size: Size, method: Method, upscale: boolean): Plan {
  const sx = size.width > 0 ? size.width / width : Infinity;
  const sy = size.height > 0 ? size.height / height : Infinity;
  const fill = method !== "scale";
  if (fill && size.width > 0 && size.height > 0) {
    const s = Math.max(sx, sy);
    return {
      resizeWidth: Math.max(size.width, Math.round(width * s)),
      resizeHeight: Math.max(size.height, Math.round(height * s)),
      width: size.width,
      height: size.height,
    };
  }
  let s = Math.min(sx, sy);
  if (!fill && !upscale) s = Math.min(s, 1);
  // The box side that decided the scale is hit exactly, whatever the rounding of the other.
  const w = s === sx ? size.width : Math.max(1, Math.round(width * s));
  const h = s === sy ? size.height : Math.max(1, Math.round(height * s));
  return { resizeWidth: w, resizeHeight: h, width: w, height: h };
}

/**
 * How much larger than the resize target a DCT-reduced decode must stay, by reduction. A reduced
 * decode is a low-pass filter; the Lanczos3 pass after it needs room to do the rest. Measured against
 * a full decode resized with Lanczos3 (`node scripts/bench/scale-check.mjs FILE WIDTH`): at 2× the
 * 1/2 and 1/4 decodes match sharp's own shrink-on-load (which also leaves 2×: 6 MP → 300 px 36.1 dB
 * vs sharp's 36.0, 50 MP → 2048 px 52.4 vs 52.3); 1/8 keeps only each block's average and needs 3×
 * (24 MP → 300 px at 1/8, 2.5×, scores 43 dB where sharp's shrink-on-load gives 47; at 1/4, 50 dB).
 */
export const JPEG_SCALE_MARGIN: Readonly<Record<2 | 4 | 8, number>> = { 2: 2, 4: 2, 8: 3 };

/**
 * The largest DCT reduction (1/8, 1/4, 1/2) that still leaves its margin times the resize target on
 * both axes, so a 24 MP photo never exists at full size in memory.
 */
export function jpegScale(width: number, height: number, targetWidth: number, targetHeight: number): number {
  for (const denom of [8, 4, 2] as const) {
    const w = Math.ceil(width / denom);
    const h = Math.ceil(height / denom);
    const margin = JPEG_SCALE_MARGIN[denom];
    if (w >= margin * targetWidth && h >= margin * targetHeight) return denom;
  }
  return 1;
}

/**
 * How much larger than the resize target libwebp's own scaling (an area average, done while it
 * decodes) leaves the rows it hands to the core's Lanczos3, as JPEG_SCALE_MARGIN does for the DCT
 * reduction: the area average alone aliases, Lanczos3 from twice the size does not.
 */
export const WEBP_SCALE_MARGIN = 2;

/**
 * The size libwebp decodes a `width` × `height` WebP to for a resize target: the smallest that
 * leaves WEBP_SCALE_MARGIN times the target on both axes, at most the image's own size.
 */
export function webpScale(width: number, height: number, targetWidth: number, targetHeight: number): { readonly width: number; readonly height: number } {
  const s = Math.max((WEBP_SCALE_MARGIN * targetWidth) / width, (WEBP_SCALE_MARGIN * targetHeight) / height);
  if (s >= 1) return { width, height };
  return { width: Math.min(width, Math.max(1, Math.ceil(width * s))), height: Math.min(height, Math.max(1, Math.ceil(height * s))) };
}

/** EXIF orientations 5–8 swap the image's axes: its stored width is its displayed height. */
export function swapsAxes(orientation: number): boolean {
  return orientation >= 5;
}

/** The resize target in the source's stored axes (the plan is in displayed axes). */
export function storedTarget(orientation: number, plan: Plan): { readonly width: number; readonly height: number } {
  return swapsAxes(orientation)
    ? { width: plan.resizeHeight, height: plan.resizeWidth }
    : { width: plan.resizeWidth, height: plan.resizeHeight };
}

/**
 * The rectangle of a stored image (stored size `stored`) that EXIF orientation `orientation` shows as
 * `rect` of the displayed image: lets a crop chosen on the displayed image run before orientation.
 */
export function storedRect(
  orientation: number,
  rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number },
  stored: { readonly width: number; readonly height: number },
): { readonly x: number; readonly y: number; readonly width: number; readonly height: number } {
  const { x, y, width: w, height: h } = rect;
  const W = stored.width;
  const H = stored.height;
  switch (orientation) {
    case 2:
      return { x: W - x - w, y, width: w, height: h };
    case 3:
      return { x: W - x - w, y: H - y - h, width: w, height: h };
    case 4:
      return { x, y: H - y - h, width: w, height: h };
    case 5:
      return { x: y, y: x, width: h, height: w };
    case 6:
      return { x: y, y: H - x - w, width: h, height: w };
    case 7:
      return { x: W - y - h, y: H - x - w, width: h, height: w };
    case 8:
      return { x: W - y - h, y: x, width: h, height: w };
    default:
      return rect;
  }
}

/**
 * The largest side each encoder can write: JPEG's 16-bit frame header, VP8/VP8L's 14-bit size fields,
 * AV1's 16-bit frame_width_minus_1 (jSquash's libavif encodes 65536 × 2; measured), PNG's 31-bit IHDR.
 */
export const OUTPUT_FORMAT_LIMITS: Readonly<Record<OutputFormat, number>> = { jpeg: 65535, webp: 16383, avif: 65536, png: 2 ** 31 - 1 };

const FORMAT_NAMES: Readonly<Record<OutputFormat, string>> = { jpeg: "JPEG", webp: "WebP", avif: "AVIF", png: "PNG" };

/**
 * A size only ever bounds one side of `scale` output: the other follows the source's aspect ratio
 * and can pass MAX_DIMENSION or the encoder's limit (`x200/scale` of a 20000×100 panorama). Refused
 * here, from the plan, before anything is decoded.
 */
export function checkOutputSize(plan: Plan, format: OutputFormat, maxDimension: number): void {
  const formatLimit = OUTPUT_FORMAT_LIMITS[format];
  const limit = Math.min(maxDimension, formatLimit);
  const name = maxDimension <= formatLimit ? `MAX_DIMENSION (${maxDimension} px)` : `the ${FORMAT_NAMES[format]} limit (${formatLimit} px)`;
  for (const [side, value] of [["width", plan.width], ["height", plan.height]] as const) {
    if (value > limit) {
      throw new ThumbnailError("OUTPUT_TOO_LARGE", {
        detail: `output: the thumbnail would be ${plan.width}x${plan.height}; its ${side} of ${value} px is over ${name}`,
      });
    }
  }
}
