import type { Config } from "../config";
import type { ThumbnailRequest } from "../url";
import type { CoreImage, ImageCore } from "./core";
import type { Plan } from "./geometry";
import type { ImageInfo } from "./probe";

/** What the steps share. `image` is the current pixels, owned by the pipeline (freed at the end). */
export interface PipelineContext {
  readonly request: ThumbnailRequest;
  readonly config: Readonly<Config>;
  readonly core: ImageCore;
  readonly source: Uint8Array;
  readonly info: ImageInfo;
  readonly plan: Plan;
  /** JPEG DCT reduction (1, 2, 4 or 8) the decoder uses; 1 for other formats. */
  readonly decodeScale: number;
  image: CoreImage | null;
  /** Whether `image` has any pixel that is not fully opaque. */
  alpha: boolean;
  output: Uint8Array | null;
}

export interface Step {
  readonly name: string;
  run(ctx: PipelineContext): void | Promise<void>;
}

export function currentImage(ctx: PipelineContext): CoreImage {
  if (!ctx.image) throw new Error("pipeline: no image yet");
  return ctx.image;
}

/** Swaps in a new image and frees the old one. */
export function replaceImage(ctx: PipelineContext, next: CoreImage): void {
  ctx.image?.free();
  ctx.image = next;
}
