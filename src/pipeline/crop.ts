import type { PipelineContext, Step } from "./context";
import { currentSource, replaceSource } from "./context";
import { storedRect, storedTarget } from "./geometry";
import { runRows } from "./rows";

/**
 * Chooses the part of the resized image to keep. `crop` keeps the centre: the window is planned in
 * the source's stored axes so the resize computes only the rows and columns inside it. `smart` must
 * look first: one pass decodes and resizes into a frame the size of the resized image (not the
 * source's), the highest-entropy window is found on it, and that frame becomes the source the rest of
 * the pipeline crops.
 */
export const crop: Step = {
  name: "crop",
  run(ctx: PipelineContext) {
    const { plan } = ctx;
    const { width, height } = plan;
    if (plan.resizeWidth === width && plan.resizeHeight === height) return;
    if (ctx.request.method !== "smart") {
      const centre = {
        x: Math.floor((plan.resizeWidth - width) / 2),
        y: Math.floor((plan.resizeHeight - height) / 2),
        width,
        height,
      };
      ctx.window = storedRect(ctx.orientation, centre, storedTarget(ctx.orientation, plan));
      return;
    }
    const { core } = ctx;
    const target = storedTarget(ctx.orientation, plan);
    const full = { x: 0, y: 0, ...target };
    const resize = { kind: "resize", from: ctx.rows, to: target, window: full, premultiply: ctx.mayHaveAlpha } as const;
    // Stages planned before the resize (a colour conversion of CMYK or of a small source) run in this
    // pass: its frame becomes the source, already converted.
    const result = runRows(core, currentSource(ctx), [...ctx.stages, resize], { kind: "frame", orientation: ctx.orientation });
    if (result.kind !== "frame") throw new Error("pipeline: the analysis pass gave no frame");
    ctx.stages.length = 0;
    const { frame } = result;
    replaceSource(ctx, { kind: "frame", frame }, { width: frame.width, height: frame.height }, () => frame.free());
    core.exports.smartCrop(frame.ptr, frame.width, frame.height, width, height);
    ctx.window = { x: core.exports.smartCropX(), y: core.exports.smartCropY(), width, height };
    ctx.orientation = 1;
    ctx.resized = true;
    ctx.mayHaveAlpha = result.alpha;
  },
};
