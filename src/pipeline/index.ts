import type { Config } from "../config";
import { ThumbnailError } from "../errors";
import type { OutputFormat, ThumbnailRequest } from "../url";
import type { Pixels } from "./codecs";
import { currentSource, once, type PipelineContext, type Step } from "./context";
import { coreTrapped, type ImageCore } from "./core";
import { colour } from "./colour";
import { crop } from "./crop";
import { decode } from "./decode";
import { encode } from "./encode";
import { flatten } from "./flatten";
import { estimateCost, peakBytes, type Cost } from "./budget";
import { av1Pool } from "./av1";
import { checkOutputSize, planGeometry, swapsAxes, type Plan } from "./geometry";
import { orient } from "./orient";
import { probe, type ImageInfo, type ProbeResult } from "./probe";
import { resize } from "./resize";
import { runRows } from "./rows";

/**
 * Every step but `encode` plans the row pipeline (see context.ts); `encode` runs it, so the pixels
 * flow from the decoder through resize, crop, colour conversion and flatten into the encoder in strips.
 */
export const STEPS: readonly Step[] = [decode, colour, orient, crop, resize, flatten, encode];

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
export function inspectSource(source: Uint8Array, config: Readonly<Config>, result: ProbeResult = probe(source)): ImageInfo {
  if (source.byteLength === 0) throw new ThumbnailError("SOURCE_EMPTY", { detail: "source: the file is empty" });
  if (result.kind === "unsupported") {
    throw new ThumbnailError("SOURCE_UNSUPPORTED", { detail: "source: expected a JPEG, PNG, GIF, WebP or AVIF image" });
  }
  if (result.kind === "heic") {
    throw new ThumbnailError("UNSUPPORTED_HEIC", {
      detail: "source: HEIC/HEIF images are not supported; convert them to JPEG (or AVIF, WebP, PNG) when they are uploaded",
    });
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

/** What is known before any pixel is decoded: what the header says, the geometry, and what it costs. */
export interface PreparedThumbnail {
  readonly info: ImageInfo;
  readonly plan: Plan;
  readonly cost: Cost;
}

/** The geometry a request asks of a source: its displayed (EXIF-oriented) size fitted to the URL's. */
export function planFor(info: ImageInfo, request: ThumbnailRequest, config: Readonly<Config>): Plan {
  const swapped = swapsAxes(info.orientation);
  return planGeometry(swapped ? info.height : info.width, swapped ? info.width : info.height, request.size, request.method, config.upscale);
}

/** Names a source at a request's size, in the messages that refuse it for memory. */
export function describeRequest(info: ImageInfo, request: ThumbnailRequest): string {
  return `source: ${info.width}x${info.height} ${info.format} for ${request.size.text}/${request.method}${request.ext}`;
}

/** Reads the header, plans the geometry and costs it; refuses what would not fit `budget`. */
export function prepareThumbnail(
  request: ThumbnailRequest,
  config: Readonly<Config>,
  source: Uint8Array,
  budget = config.requestMemoryBytes,
): PreparedThumbnail {
  const info = inspectSource(source, config);
  const plan = planFor(info, request, config);
  checkOutputSize(plan, request.format, config.maxDimension);
  const cost = estimateCost(info, plan, request, source.byteLength, budget, config.quality.avif);
  const peak = peakBytes(cost);
  if (peak > budget) {
    throw new ThumbnailError("OVER_MEMORY_LIMIT", {
      detail:
        `${describeRequest(info, request)}: ` +
        `needs ~${Math.ceil(peak / 2 ** 20)} MB of memory; expected at most ${Math.floor(budget / 2 ** 20)} MB (REQUEST_MEMORY_MB)`,
    });
  }
  return { info, plan, cost };
}

/** A trap inside the core: its memory reaching the reservation means the data lied about its size. */
function coreFailure(error: unknown, core: ImageCore): unknown {
  if (!coreTrapped(error) || !core.atLimit(0)) return error;
  return new ThumbnailError("SOURCE_UNDECODABLE", {
    internal: `the image core reached its memory reservation of ${Math.round(core.maxBytes / 2 ** 20)} MB`,
    cause: error,
  });
}

/** Plans the pipeline for `prepared` and runs `steps` on it; the source's memory is freed either way. */
async function runSteps(
  steps: readonly Step[],
  request: ThumbnailRequest,
  config: Readonly<Config>,
  core: ImageCore,
  source: Uint8Array,
  now: () => number,
  prepared: PreparedThumbnail,
  input: number | undefined,
): Promise<{ readonly ctx: PipelineContext; readonly timings: ReadonlyArray<readonly [string, number]> }> {
  const { info, plan, cost } = prepared;
  const ctx: PipelineContext = {
    request,
    config,
    core,
    bytes: source,
    info,
    plan,
    decodeScale: cost.denom,
    decoderBytes: cost.decoderBytes,
    av1Bytes: cost.av1Bytes,
    av1: null,
    source: null,
    rows: cost.rows,
    orientation: 1,
    window: null,
    resized: false,
    stages: [],
    colour: null,
    mayHaveAlpha: false,
    output: null,
    input,
    releaseSource: once(() => {
      if (input !== undefined) core.exports.free(input);
    }),
  };
  const timings: Array<[string, number]> = [];
  try {
    for (const step of steps) {
      const start = now();
      await step.run(ctx);
      timings.push([step.name, now() - start]);
    }
    ctx.releaseSource();
  } catch (error) {
    // A trapped core is dropped, not called again (freeing into it could trap once more).
    if (!coreTrapped(error)) ctx.releaseSource();
    throw coreFailure(error, core);
  } finally {
    if (ctx.av1) av1Pool.release(ctx.av1, false);
    ctx.av1 = null;
  }
  return { ctx, timings };
}

export async function generateThumbnail(
  request: ThumbnailRequest,
  config: Readonly<Config>,
  core: ImageCore,
  source: Uint8Array,
  now: () => number = () => performance.now(),
  prepared: PreparedThumbnail = prepareThumbnail(request, config, source),
  /** Where `source` already sits in the core's memory (a view of it): taken over, freed here. */
  input?: number,
): Promise<Thumbnail> {
  const { ctx, timings } = await runSteps(STEPS, request, config, core, source, now, prepared, input);
  if (!ctx.output) throw new Error("pipeline: encode produced no output");
  const { plan } = prepared;
  return { bytes: ctx.output, contentType: CONTENT_TYPES[request.format], width: plan.width, height: plan.height, timings };
}

/**
 * The same pipeline into an RGBA frame instead of an encoder (EXIF orientation applied, never
 * flattened): the small decode info documents are computed from. `request.format` only chooses
 * the cost; PNG's reserves a frame's copy, which this takes.
 */
export async function generateFrame(
  request: ThumbnailRequest,
  config: Readonly<Config>,
  core: ImageCore,
  source: Uint8Array,
  prepared: PreparedThumbnail = prepareThumbnail(request, config, source),
  input?: number,
): Promise<Pixels> {
  let pixels: Pixels | undefined;
  const toFrame: Step = {
    name: "frame",
    run(ctx) {
      const result = runRows(core, currentSource(ctx), ctx.stages, { kind: "frame", orientation: ctx.orientation });
      ctx.releaseSource();
      if (result.kind !== "frame") throw new Error("pipeline: expected a frame");
      pixels = { data: result.frame.copyOut(), width: result.frame.width, height: result.frame.height };
      result.frame.free();
    },
  };
  await runSteps([decode, orient, crop, resize, toFrame], { ...request, format: "png" }, config, core, source, () => 0, prepared, input);
  if (!pixels) throw new Error("pipeline: no frame");
  return pixels;
}
