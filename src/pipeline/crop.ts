import type { PipelineContext, Step } from "./context";
import { currentImage, replaceImage } from "./context";

/** `crop` keeps the centre; `smart` keeps the highest-entropy window (computed in the core). */
export const crop: Step = {
  name: "crop",
  run(ctx: PipelineContext) {
    const image = currentImage(ctx);
    const { width, height } = ctx.plan;
    if (image.width === width && image.height === height) return;
    let x = Math.floor((image.width - width) / 2);
    let y = Math.floor((image.height - height) / 2);
    if (ctx.request.method === "smart") {
      ctx.core.exports.smartCrop(image.ptr, image.width, image.height, width, height);
      x = ctx.core.exports.smartCropX();
      y = ctx.core.exports.smartCropY();
    }
    const ptr = ctx.core.exports.crop(image.ptr, image.width, x, y, width, height);
    replaceImage(ctx, ctx.core.wrap(ptr, width, height));
  },
};
