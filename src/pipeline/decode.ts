import { ThumbnailError } from "../errors";
import { openAvif } from "./av1";
import { av1DecoderBytes } from "./budget";
import { decoders } from "./codecs";
import type { PipelineContext, Step } from "./context";
import { replaceSource } from "./context";

/**
 * Chooses where rows come from. JPEG, PNG and GIF are decoded by the image core as the rows are
 * pulled (JPEG at its DCT reduction), so nothing is decoded here: the source bytes are put into the
 * core and the decoder runs when `encode` (or smart's analysis pass) runs the pipeline. AVIF is decoded
 * here by dav1d in its own instance (av1.ts), which keeps the YUV planes and pushes RGBA rows into the
 * pipeline as it runs. WebP is still decoded whole by jSquash and its RGBA frame becomes the source.
 */
export const decode: Step = {
  name: "decode",
  async run(ctx: PipelineContext) {
    const { format, width, height } = ctx.info;
    const { core } = ctx;
    if (format === "jpeg" || format === "gif" || format === "png") {
      // Bytes the caller read straight into the core stay where they are (freed as the source).
      const input = ctx.input ?? core.putBytes(ctx.bytes);
      const length = ctx.bytes.byteLength;
      const denom = ctx.decodeScale;
      const source = format === "jpeg" ? { kind: format, input, length, denom, declared: { width, height } } : { kind: format, input, length };
      if (ctx.input === undefined) replaceSource(ctx, source, ctx.rows, () => core.exports.free(input));
      else ctx.source = source;
      ctx.mayHaveAlpha = format !== "jpeg";
      return;
    }
    if (format === "avif") {
      const file = ctx.info.avif;
      if (!file) throw new Error("pipeline: an AVIF source without its parsed container");
      const avif = await openAvif(file, av1DecoderBytes(file));
      replaceSource(ctx, { kind: "pushed", codec: "avif", push: avif.push }, ctx.rows, () => avif.release());
      ctx.mayHaveAlpha = file.alpha !== null;
      return;
    }
    let pixels;
    try {
      const bytes = ctx.bytes.buffer.slice(ctx.bytes.byteOffset, ctx.bytes.byteOffset + ctx.bytes.byteLength) as ArrayBuffer;
      pixels = await decoders[format](bytes);
    } catch (error) {
      throw new ThumbnailError("SOURCE_UNDECODABLE", {
        internal: `${format} decoder: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    if (pixels.width !== width || pixels.height !== height) {
      throw new ThumbnailError("SOURCE_UNDECODABLE", {
        internal: `${format} decoder gave ${pixels.width}x${pixels.height}, header says ${width}x${height}`,
      });
    }
    const frame = core.fromRgba(pixels.data, pixels.width, pixels.height);
    replaceSource(ctx, { kind: "frame", frame }, ctx.rows, () => frame.free());
    ctx.mayHaveAlpha = core.exports.hasAlpha(frame.ptr, width * height) !== 0;
  },
};
