import type { PipelineContext, Step } from "./context";
import { currentImage, replaceImage } from "./context";
import { storedTarget } from "./geometry";

/**
 * Resamples before orienting: the plan is in oriented space, so for orientations 5–8 the raw
 * target is transposed. Orienting afterwards touches thumbnail-sized pixels, not a second
 * full-size copy.
 */
export const resize: Step = {
  name: "resize",
  run(ctx: PipelineContext) {
    const image = currentImage(ctx);
    const { width, height } = storedTarget(ctx.info.orientation, ctx.plan);
    if (width === image.width && height === image.height) return;
    const ptr = ctx.core.exports.resize(image.ptr, image.width, image.height, width, height, ctx.alpha ? 1 : 0);
    replaceImage(ctx, ctx.core.wrap(ptr, width, height));
  },
};
