import type { PipelineContext, Step } from "./context";

/** JPEG has no alpha: composite onto BACKGROUND rather than let the encoder drop it (black). */
export const flatten: Step = {
  name: "flatten",
  run(ctx: PipelineContext) {
    if (ctx.request.format !== "jpeg" || !ctx.mayHaveAlpha) return;
    ctx.stages.push({ kind: "flatten", color: ctx.config.background });
  },
};
