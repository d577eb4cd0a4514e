import type { Config } from "../config";
import { ThumbnailError } from "../errors";
import type { OutputFormat, ThumbnailRequest } from "../url";
import type { PipelineContext, Step } from "./context";
import { discardCoreAfter, type ImageCore } from "./core";
import { crop } from "./crop";
import { decode } from "./decode";
import { encode } from "./encode";
import { flatten } from "./flatten";
import { DECODE_BUDGET_BYTES, decodeCost } from "./budget";
import { checkOutputSize, planGeometry, swapsAxes } from "./geometry";
import { orient } from "./orient";
import { probe, type ImageInfo } from "./probe";
import { resize } from "./resize";

/** Resize comes before orient so that orienting copies thumbnail-sized pixels only (see resize.ts). */
export const STEPS: readonly Step[] = [decode, resize, orient, crop, flatten, encode];

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
};

export interface Thumbnail {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly width: number;
  readonly height: number;
  /** Milliseconds per phase, for Server-Timing. */
  readonly timings: ReadonlyArray<readonly [string, number]>;
}

/** Refuses what cannot or must not be decoded, from the header alone. */
export function inspectSource(source: Uint8Array, config: Readonly<Config>): ImageInfo {
  if (source.byteLength === 0) throw new ThumbnailError("SOURCE_EMPTY", { detail: "source: the file is empty" });
  const result = probe(source);
  if (result.kind === "unsupported") {
    throw new ThumbnailError("SOURCE_UNSUPPORTED", { detail: "source: expected a JPEG, PNG, GIF, WebP or AVIF image" });
  }
  if (result.kind === "corrupt") throw new ThumbnailError("SOURCE_UNDECODABLE", { internal: result.reason });
  const { width, height } = result.info;
  if (width * height > config.maxSourcePixels) {
    throw new ThumbnailError("SOURCE_TOO_MANY_PIXELS", {
      detail: `source: expected at most ${config.maxSourcePixels} pixels, the header declares ${width}x${height}`,
    });
  }
  return result.info;
}

export async function generateThumbnail(
  request: ThumbnailRequest,
  config: Readonly<Config>,
  core: ImageCore,
  source: Uint8Array,
  now: () => number = () => performance.now(),
): Promise<Thumbnail> {
  const info = inspectSource(source, config);
  const swapped = swapsAxes(info.orientation);
  const plan = planGeometry(
    swapped ? info.height : info.width,
    swapped ? info.width : info.height,
    request.size,
    request.method,
    config.upscale,
  );
  checkOutputSize(plan, request.format, config.maxDimension);
  const cost = decodeCost(info, plan);
  if (cost.bytes > DECODE_BUDGET_BYTES) {
    throw new ThumbnailError("SOURCE_TOO_MANY_PIXELS", {
      detail:
        `source: ${info.width}x${info.height} ${info.format} must be decoded at ${cost.width}x${cost.height} for this size, ` +
        `needing ~${Math.ceil(cost.bytes / 2 ** 20)} MB; expected at most ${DECODE_BUDGET_BYTES / 2 ** 20} MB`,
    });
  }
  const ctx: PipelineContext = { request, config, core, source, info, plan, decodeScale: cost.denom, image: null, alpha: false, output: null };
  const timings: Array<[string, number]> = [];
  try {
    for (const step of STEPS) {
      const start = now();
      await step.run(ctx);
      timings.push([step.name, now() - start]);
    }
  } catch (error) {
    // A trapped core is dropped, not called again (freeing into it could trap once more).
    if (discardCoreAfter(error)) ctx.image = null;
    throw error;
  } finally {
    ctx.image?.free();
  }
  if (!ctx.output) throw new Error("pipeline: encode produced no output");
  return { bytes: ctx.output, contentType: CONTENT_TYPES[request.format], width: plan.width, height: plan.height, timings };
}
