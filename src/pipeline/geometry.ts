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
 * How much larger than the resize target a DCT-reduced decode must stay. A DCT reduction acts like
 * a box filter; the Lanczos3 pass after it needs room to undo its aliasing. Measured on the 6 MP
 * benchmark photo against sharp: 2× left gives 31.5 dB, 2.5× gives 34 dB (README, Measured limits).
 */
export const JPEG_SCALE_MARGIN = 2.5;

/**
 * The largest DCT reduction (1/8, 1/4, 1/2) that still leaves JPEG_SCALE_MARGIN times the resize
 * target on both axes, so a 24 MP photo never exists at full size in memory.
 */
export function jpegScale(width: number, height: number, targetWidth: number, targetHeight: number): number {
  for (const denom of [8, 4, 2]) {
    const w = Math.ceil(width / denom);
    const h = Math.ceil(height / denom);
    if (w >= JPEG_SCALE_MARGIN * targetWidth && h >= JPEG_SCALE_MARGIN * targetHeight) return denom;
  }
  return 1;
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
