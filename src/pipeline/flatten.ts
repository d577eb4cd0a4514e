import type { PipelineContext, Step } from "./context";
import { currentImage } from "./context";

/** JPEG has no alpha: composite onto BACKGROUND rather than let the encoder drop it (black). */
export const flatten: Step = {
  name: "flatten",
  run(ctx: PipelineContext) {
    if (ctx.request.format !== "jpeg" || !ctx.alpha) return;
    const image = currentImage(ctx);
    const { r, g, b } = ctx.config.background;
    ctx.core.exports.flatten(image.ptr, image.width * image.height, r, g, b);
    ctx.alpha = false;
  },
};
