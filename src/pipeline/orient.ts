import type { PipelineContext, Step } from "./context";

/**
 * EXIF orientation is applied by the sink as rows arrive (a transposing orientation needs the output
 * frame anyway), on thumbnail-sized rows: the resize and crop before it work in the source's stored
 * axes, so orientation never touches source-sized pixels.
 */
export const orient: Step = {
  name: "orient",
  run(ctx: PipelineContext) {
    const o = ctx.info.orientation;
    ctx.orientation = o >= 1 && o <= 8 ? o : 1;
  },
};
