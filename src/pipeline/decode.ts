import { ThumbnailError } from "../errors";
import { openAvif } from "./av1";
import type { PipelineContext, Step } from "./context";
import { replaceSource } from "./context";
import { webpFrameIsWhole } from "./probe";
import { WebpDecoder } from "./webp";

/**
 * Chooses where rows come from. JPEG, PNG and GIF are decoded by the image core as the rows are
 * pulled (JPEG at its DCT reduction), so nothing is decoded here: the source bytes are put into the
 * core and the decoder runs when `encode` (or smart's analysis pass) runs the pipeline. WebP goes
 * into libwebp's own instance, which pushes its (already scaled) rows into the core when the pipeline
 * runs. AVIF is decoded by dav1d in its own instance (av1.ts), which keeps the YUV planes and pushes
 * RGBA rows into the pipeline as it runs; for an AVIF thumbnail that instance is kept for the encoder.
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
    if (format === "avif") {
      const file = ctx.info.avif;
      if (!file) throw new Error("pipeline: an AVIF source without its parsed container");
      const avif = await openAvif(file, ctx.av1Bytes);
      // An AVIF thumbnail is encoded in this instance, in the memory the pictures leave (av1.ts).
      const release = ctx.request.format === "avif" ? () => (ctx.av1 = avif.take() ?? null) : () => avif.release();
      replaceSource(ctx, { kind: "pushed", codec: "avif", push: avif.push }, ctx.rows, release);
      ctx.mayHaveAlpha = file.alpha !== null;
      return;
    }
    // The probe admits no other format.
    throw new Error(`pipeline: no decoder for ${format}`);
  },
};
