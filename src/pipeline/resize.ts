import type { PipelineContext, Step } from "./context";
import { storedTarget } from "./geometry";

/**
 * Lanczos3 from the decoder's rows to the plan's resize target, in the source's stored axes (the
 * sink orients afterwards). Only the window `crop` chose is computed; with nothing to resample the
 * window is a plain crop of the rows. Either stage checks that the rows are the size the plan (and
 * the memory reserved) was made for: a source whose data contradicts its header stops there.
 */
export const resize: Step = {
  name: "resize",
  run(ctx: PipelineContext) {
    const to = ctx.resized ? ctx.rows : storedTarget(ctx.orientation, ctx.plan);
    const window = ctx.window ?? { x: 0, y: 0, ...to };
    const { rows } = ctx;
    if (rows.width === to.width && rows.height === to.height) ctx.stages.push({ kind: "crop", from: rows, window });
    else ctx.stages.push({ kind: "resize", from: rows, to, window, premultiply: ctx.mayHaveAlpha });
    // The colour conversion the colour step left for the thumbnail's pixels (fewer than the source's).
    if (ctx.colour) ctx.stages.push(ctx.colour);
    ctx.colour = null;
  },
};
