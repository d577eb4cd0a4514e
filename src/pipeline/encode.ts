import { encoders } from "./codecs";
import type { PipelineContext, Step } from "./context";
import { currentImage } from "./context";

/** jSquash encoders write no EXIF/ICC/XMP: metadata is stripped by construction. */
export const encode: Step = {
  name: "encode",
  async run(ctx: PipelineContext) {
    const image = currentImage(ctx);
    const pixels = { data: image.toRgba(), width: image.width, height: image.height };
    const { quality } = ctx.config;
    let out: ArrayBuffer;
    switch (ctx.request.format) {
      case "jpeg":
        out = await encoders.jpeg(pixels, quality.jpeg);
        break;
      case "png":
        out = await encoders.png(pixels);
        break;
      case "webp":
        out = await encoders.webp(pixels, quality.webp);
        break;
      case "avif":
        out = await encoders.avif(pixels, quality.avif);
        break;
    }
    ctx.output = new Uint8Array(out);
  },
};
