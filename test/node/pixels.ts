// What the Node-side image tests compare pixels with: PSNR, and sharp's decode of an image as RGBA.
import sharp, { type Sharp } from "sharp";

/** PSNR over every byte of two buffers of one length (Infinity when they are equal). */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`psnr: ${a.length} bytes against ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / a.length));
}

/** `image` (file bytes, or a sharp pipeline) decoded by sharp as RGBA, resized to `size` (fill) if given. */
export async function rgbaOf(image: Uint8Array | Sharp, size?: { readonly width: number; readonly height: number }) {
  let s = image instanceof Uint8Array ? sharp(image) : image;
  if (size) s = s.resize(size.width, size.height, { fit: "fill" });
  const { data, info } = await s.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}
