import type { Method, Size } from "../url";

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
