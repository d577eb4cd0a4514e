import { ThumbnailError } from "../errors";
import { decoders } from "./codecs";
import type { PipelineContext, Step } from "./context";

const JPEG_ERRORS: Record<number, string> = {
  [-1]: "not a JPEG",
  [-2]: "unsupported JPEG variant (arithmetic, lossless, hierarchical or 12-bit)",
  [-3]: "corrupt JPEG data",
  [-4]: "JPEG ends inside its headers",
  [-5]: "JPEG too large",
};

const GIF_ERRORS: Record<number, string> = {
  [-1]: "not a GIF",
  [-2]: "corrupt GIF before its first image",
  [-3]: "GIF ends before its first image",
  [-4]: "GIF too large",
};

/** The first frame, on the logical screen (transparent outside the frame), decoded by the core. */
function decodeGif(ctx: PipelineContext): void {
  const { core, source } = ctx;
  const input = core.putBytes(source);
  try {
    const ptr = core.exports.gifDecode(input, source.byteLength);
    if (ptr === 0) {
      const code = core.exports.gifError();
      throw new ThumbnailError("SOURCE_UNDECODABLE", { internal: `gif decoder: ${GIF_ERRORS[code] ?? `error ${code}`}` });
    }
    ctx.image = core.wrap(ptr, core.exports.gifWidth(), core.exports.gifHeight());
    ctx.alpha = core.exports.hasAlpha(ptr, ctx.image.width * ctx.image.height) !== 0;
  } finally {
    core.exports.free(input);
  }
}

/** JPEG and GIF go straight into the image core (JPEG scaled in the DCT domain); the others via jSquash. */
function decodeJpeg(ctx: PipelineContext): void {
  const { core, source } = ctx;
  const input = core.putBytes(source);
  try {
    const ptr = core.exports.jpegDecode(input, source.byteLength, ctx.decodeScale);
    if (ptr === 0) {
      const code = core.exports.jpegError();
      throw new ThumbnailError(code === -2 ? "SOURCE_UNSUPPORTED" : "SOURCE_UNDECODABLE", {
        internal: `jpeg decoder: ${JPEG_ERRORS[code] ?? `error ${code}`}`,
      });
    }
    ctx.image = core.wrap(ptr, core.exports.jpegWidth(), core.exports.jpegHeight());
  } finally {
    core.exports.free(input);
  }
}

export const decode: Step = {
  name: "decode",
  async run(ctx: PipelineContext) {
    const { format } = ctx.info;
    if (format === "jpeg") {
      decodeJpeg(ctx);
      return;
    }
    if (format === "gif") {
      decodeGif(ctx);
      return;
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
    ctx.alpha = ctx.core.exports.hasAlpha(ctx.image.ptr, pixels.width * pixels.height) !== 0;
  },
};
