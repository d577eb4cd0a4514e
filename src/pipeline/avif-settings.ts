/** How AVIF thumbnails are encoded (av1.ts), shared with the cost model (budget.ts). */

/** libaom's speed (cpu-used, 0–9 in all-intra mode). See README, "AVIF output". */
export const AVIF_SPEED = 8;

/** libavif's mapping of quality 0–100 onto libaom's quantizer 0–63, so AVIF_QUALITY means what it does there. */
export function avifQuantizer(quality: number): number {
  return Math.floor(((100 - quality) * 63 + 50) / 100);
}
