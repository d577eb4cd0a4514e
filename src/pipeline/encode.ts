import { av1Pool, avifPlanes, encodeAvif } from "./av1";
import { encoders } from "./codecs";
import type { PipelineContext, Step } from "./context";
import { currentSource } from "./context";
import { encodePng } from "./png";
import { runRows } from "./rows";

/**
 * Runs the planned pipeline into its encoder. JPEG is encoded by the image core as rows arrive
 * (baseline, 4:2:0, optimised Huffman tables), so without EXIF orientation the rows go from the
 * decoder to the encoder without any frame. An orientation that moves rows into columns, PNG (the core
 * chooses its colour type from the whole image, then filters the frame in place: png.ts), AVIF (libaom
 * in the AV1 instance, av1.ts) and jSquash's WebP encoder take one output-sized frame; the core's
 * frame is freed before an encoder outside the core runs, so only the encoder's copy exists then. No
 * encoder writes EXIF, ICC or XMP: metadata is stripped by construction.
 */
export const encode: Step = {
  name: "encode",
  async run(ctx: PipelineContext) {
    const { core, config } = ctx;
    const { quality } = config;
    const source = currentSource(ctx);
    if (ctx.request.format === "jpeg" && ctx.orientation === 1) {
      const result = runRows(core, source, ctx.stages, { kind: "jpeg", quality: quality.jpeg });
      ctx.releaseSource();
      if (result.kind === "bytes") ctx.output = result.bytes;
      return;
    }
    const result = runRows(core, source, ctx.stages, { kind: "frame", orientation: ctx.orientation });
    ctx.releaseSource();
    if (result.kind !== "frame") throw new Error("pipeline: expected a frame");
    const { frame } = result;
    if (ctx.request.format === "jpeg") {
      try {
        const encoded = runRows(core, { kind: "frame", frame }, [], { kind: "jpeg", quality: quality.jpeg });
        if (encoded.kind === "bytes") ctx.output = encoded.bytes;
      } finally {
        frame.free();
      }
      return;
    }
    if (ctx.request.format === "png") {
      try {
        ctx.output = encodePng(core, frame);
      } finally {
        frame.free();
      }
      return;
    }
    if (ctx.request.format === "avif") {
      // An AVIF source left its instance here (decode.ts); otherwise one is made for the encoder.
      let instance = ctx.av1;
      ctx.av1 = null;
      let failed = true;
      let frameHeld = true;
      try {
        instance ??= await av1Pool.acquire(ctx.av1Bytes);
        const alpha = avifPlanes(instance, core, frame);
        frameHeld = false;
        frame.free();
        ctx.output = encodeAvif(instance, frame.width, frame.height, alpha, quality.avif);
        failed = false;
      } finally {
        if (frameHeld) frame.free();
        // An instance an encode failed in (a trap, or an allocation libaom may not have unwound from) is not reused.
        if (instance) av1Pool.release(instance, failed);
      }
      return;
    }
    const pixels = { data: frame.copyOut(), width: frame.width, height: frame.height };
    frame.free();
    ctx.output = new Uint8Array(await encoders.webp(pixels, quality.webp));
  },
};
