import type { PipelineContext, Step } from "./context";
import { currentImage, replaceImage } from "./context";
import { swapsAxes } from "./geometry";

export const orient: Step = {
  name: "orient",
  run(ctx: PipelineContext) {
    const o = ctx.info.orientation;
    if (o <= 1 || o > 8) return;
    const image = currentImage(ctx);
    const ptr = ctx.core.exports.orient(image.ptr, image.width, image.height, o);
    const swap = swapsAxes(o);
    replaceImage(ctx, ctx.core.wrap(ptr, swap ? image.height : image.width, swap ? image.width : image.height));
  },
};
