import { ThumbnailError } from "../errors";
import { decoders } from "./codecs";
import type { PipelineContext, Step } from "./context";

const JPEG_ERRORS: Record<number, string> = {
  [-1]: "not a JPEG",
  [-2]: "unsupported JPEG variant (arithmetic, lossless, hierarchical or 12-bit)",
  [-3]: "corrupt JPEG data",
  [-4]: "JPEG ends inside its headers",
  [-5]: "JPEG too large",
  [-7]: "JPEG frame header is not the one the probe read (hidden or second frame)",
};

const GIF_ERRORS: Record<number, string> = {
  [-1]: "not a GIF",
  [-2]: "corrupt GIF before its first image",
  [-3]: "GIF ends before its first image",
  [-4]: "GIF too large",
};

interface CoreDecoder {
  readonly errors: Record<number, string>;
  /** The decoder's code for "valid but unsupported variant" (a 422 SOURCE_UNSUPPORTED). */
  readonly unsupported?: number;
  decode(ctx: PipelineContext, input: number): number;
  size(ctx: PipelineContext): [width: number, height: number];
  error(ctx: PipelineContext): number;
}

const PNG_ERRORS: Record<number, string> = {
  [-1]: "not a PNG",
  [-2]: "corrupt PNG (header, chunk, zlib or filter data before any row)",
  [-3]: "PNG ends before its image data",
  [-4]: "PNG too large",
  [-5]: "unsupported PNG compression, filter or interlace method",
};

/**
 * JPEG is decoded at its DCT reduction; GIF gives its first frame on the logical screen; PNG is
 * inflated and unfiltered row by row straight into the core (4 bytes per pixel, where jSquash
 * needed ~15). Truncated data keeps the rows that arrived, the rest transparent.
 */
const CORE_DECODERS = {
  jpeg: {
    errors: JPEG_ERRORS,
    unsupported: -2,
    // The probed size goes in: the budget was reserved for that frame and no other.
    decode: (ctx, input) => ctx.core.exports.jpegDecode(input, ctx.source.byteLength, ctx.decodeScale, ctx.info.width, ctx.info.height),
    size: (ctx) => [ctx.core.exports.jpegWidth(), ctx.core.exports.jpegHeight()],
    error: (ctx) => ctx.core.exports.jpegError(),
  },
  png: {
    errors: PNG_ERRORS,
    unsupported: -5,
    decode: (ctx, input) => ctx.core.exports.pngDecode(input, ctx.source.byteLength),
    size: (ctx) => [ctx.core.exports.pngWidth(), ctx.core.exports.pngHeight()],
    error: (ctx) => ctx.core.exports.pngError(),
  },
  gif: {
    errors: GIF_ERRORS,
    decode: (ctx, input) => ctx.core.exports.gifDecode(input, ctx.source.byteLength),
    size: (ctx) => [ctx.core.exports.gifWidth(), ctx.core.exports.gifHeight()],
    error: (ctx) => ctx.core.exports.gifError(),
  },
} satisfies Record<string, CoreDecoder>;

/** Decodes inside the image core: the source bytes go in, only a pointer comes back. */
function decodeInCore(ctx: PipelineContext, format: keyof typeof CORE_DECODERS): void {
  const decoder: CoreDecoder = CORE_DECODERS[format];
  const { core } = ctx;
  const input = core.putBytes(ctx.source);
  try {
    const ptr = decoder.decode(ctx, input);
    if (ptr === 0) {
      const code = decoder.error(ctx);
      throw new ThumbnailError(code === decoder.unsupported ? "SOURCE_UNSUPPORTED" : "SOURCE_UNDECODABLE", {
        internal: `${format} decoder: ${decoder.errors[code] ?? `error ${code}`}`,
      });
    }
    const [width, height] = decoder.size(ctx);
    const scale = format === "jpeg" ? ctx.decodeScale : 1;
    const expected = [Math.ceil(ctx.info.width / scale), Math.ceil(ctx.info.height / scale)];
    if (width !== expected[0] || height !== expected[1]) {
      core.exports.free(ptr);
      throw new ThumbnailError("SOURCE_UNDECODABLE", {
        internal: `${format} decoder gave ${width}x${height}, the header probed says ${expected[0]}x${expected[1]}`,
      });
    }
    ctx.image = core.wrap(ptr, width, height);
    ctx.alpha = format !== "jpeg" && core.exports.hasAlpha(ptr, width * height) !== 0;
  } finally {
    core.exports.free(input);
  }
}

export const decode: Step = {
  name: "decode",
  async run(ctx: PipelineContext) {
    const { format } = ctx.info;
    if (format === "jpeg" || format === "gif" || format === "png") {
      decodeInCore(ctx, format);
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
