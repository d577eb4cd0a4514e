import { ThumbnailError } from "../errors";
import { decoders } from "./codecs";
import type { PipelineContext, Step } from "./context";
import { replaceSource } from "./context";
import { webpFrameIsWhole } from "./probe";
import { WebpDecoder } from "./webp";

/**
 * Chooses where rows come from. JPEG, PNG and GIF are decoded by the image core as the rows are
 * pulled (JPEG at its DCT reduction), so nothing is decoded here: the source bytes are put into the
 * core and the decoder runs when `encode` (or smart's analysis pass) runs the pipeline. WebP goes
 * into libwebp's own instance, which pushes its (already scaled) rows into the core when the pipeline
 * runs. AVIF is still decoded whole by jSquash and its RGBA frame becomes the source.
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
    if (format === "webp") {
      let decoder: WebpDecoder;
      try {
        decoder = new WebpDecoder(ctx.bytes, ctx.decoderBytes);
      } catch (error) {
        throw new ThumbnailError("SOURCE_UNDECODABLE", { internal: `webp decoder: ${error instanceof Error ? error.message : String(error)}`, cause: error });
      }
      // The core's copy of the bytes is freed here (replaceSource), before any row is decoded.
      const source = { kind: "webp", decoder, canvas: { width, height }, rows: ctx.rows } as const;
      replaceSource(ctx, source, ctx.rows, () => decoder.release());
      const { webp } = ctx.info;
      ctx.mayHaveAlpha = !webp || webp.lossless || webp.alpha > 0 || !webpFrameIsWhole(ctx.info);
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
