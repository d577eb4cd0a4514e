import { ThumbnailError } from "../errors";
import { decoders } from "./codecs";
import type { PipelineContext, Step } from "./context";

export const decode: Step = {
  name: "decode",
  async run(ctx: PipelineContext) {
    const { format } = ctx.info;
    if (format === "gif") {
      throw new ThumbnailError("SOURCE_UNSUPPORTED", { detail: "source: GIF is not supported; expected JPEG, PNG, WebP or AVIF" });
    }
    let pixels;
    try {
      const bytes = ctx.source.buffer.slice(ctx.source.byteOffset, ctx.source.byteOffset + ctx.source.byteLength) as ArrayBuffer;
      pixels = await decoders[format](bytes);
    } catch (error) {
      throw new ThumbnailError("SOURCE_UNDECODABLE", {
        internal: `${format} decoder: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    if (pixels.width !== ctx.info.width || pixels.height !== ctx.info.height) {
      throw new ThumbnailError("SOURCE_UNDECODABLE", {
        internal: `${format} decoder gave ${pixels.width}x${pixels.height}, header says ${ctx.info.width}x${ctx.info.height}`,
      });
    }
    ctx.image = ctx.core.fromRgba(pixels.data, pixels.width, pixels.height);
    ctx.alpha = format !== "jpeg" && ctx.core.exports.hasAlpha(ctx.image.ptr, pixels.width * pixels.height) !== 0;
  },
};
