import type { PipelineContext, Step } from "./context";
import { profileBytesBound, type Channels } from "./budget";
import { colourGrid } from "./icc";
import type { EmbeddedProfile } from "./probe";
import type { RowStage } from "./rows";

/** zlib-inflates an iCCP profile, stopping past `limit` bytes (a small chunk may inflate to gigabytes). */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array | undefined> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate"));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        await reader.cancel();
        return undefined;
      }
      parts.push(value);
    }
  } catch {
    return undefined;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** The profile's bytes, inflated if need be; undefined when they cannot be had (a broken iCCP). */
export async function profileBytes(icc: EmbeddedProfile): Promise<Uint8Array | undefined> {
  return icc.deflated ? inflate(icc.bytes, profileBytesBound(icc)) : icc.bytes;
}

/** A colour stage for pixels of `channels` described by `profile`; null: none is needed (sRGB) or possible. */
export async function colourStage(profile: Uint8Array, channels: Channels): Promise<RowStage | null> {
  const grid = await colourGrid(profile, channels);
  return grid && { kind: "colour", grid };
}

/**
 * Converts the source's colours to sRGB through its embedded ICC profile, as sharp does (perceptual
 * intent). Where in the pipeline: on the fewer pixels. RGB and grey go after the resize (the
 * thumbnail's pixels, not the decoder's) unless the source rows are no more than the output's; CMYK
 * always first, since only the first stage gets the decoder's ink (and resizing ink is not what
 * libvips does). Outputs carry no profile: their pixels are sRGB.
 */
export const colour: Step = {
  name: "colour",
  async run(ctx: PipelineContext) {
    const { icc } = ctx.info;
    if (!icc) return;
    const bytes = await profileBytes(icc);
    if (!bytes) return;
    const stage = await colourStage(bytes, icc.channels);
    if (!stage) return;
    const sourcePixels = ctx.rows.width * ctx.rows.height;
    const outputPixels = ctx.plan.width * ctx.plan.height;
    if (icc.channels === 4 || sourcePixels <= outputPixels) ctx.stages.push(stage);
    else ctx.colour = stage;
  },
};
