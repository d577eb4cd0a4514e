/**
 * Runs one row pipeline in the image core: a source (a decoder reading the source bytes, or a frame
 * already in the core) pushes its rows through stages into a sink. Translates what JS planned into
 * `pipe*` calls and the core's result codes into ThumbnailErrors.
 */
import type { Rgb } from "../config";
import { ThumbnailError } from "../errors";
import type { CoreFrame, ImageCore } from "./core";
import type { ColourGrid } from "./icc";
import { WEBP_ARGUMENT, WEBP_ERRORS, WEBP_MISMATCH, type WebpDecoder } from "./webp";

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Size {
  readonly x: number;
  readonly y: number;
}

export type RowSource =
  | { readonly kind: "jpeg"; readonly input: number; readonly length: number; readonly denom: number; readonly declared: Size }
  | { readonly kind: "png" | "gif"; readonly input: number; readonly length: number }
  | { readonly kind: "frame"; readonly frame: CoreFrame }
  /** libwebp in its own instance, handing `rows`-sized rows of the first frame on its `canvas`. */
  | { readonly kind: "webp"; readonly decoder: WebpDecoder; readonly canvas: Size; readonly rows: Size }
  /** A codec in its own instance (dav1d) pushing RGBA rows through pipeBeginRows/pipePushRow/pipeEndRows. */
  | { readonly kind: "pushed"; readonly codec: string; push(core: ImageCore, id: number): number };

export type RowStage =
  | { readonly kind: "resize"; readonly from: Size; readonly to: Size; readonly window: Rect; readonly premultiply: boolean }
  | { readonly kind: "crop"; readonly from: Size; readonly window: Rect }
  | { readonly kind: "flatten"; readonly color: Rgb }
  | { readonly kind: "colour"; readonly grid: ColourGrid };

export type RowSink = { readonly kind: "frame"; readonly orientation: number } | { readonly kind: "jpeg"; readonly quality: number };

export type RowResult = { readonly kind: "frame"; readonly frame: CoreFrame; readonly alpha: boolean } | { readonly kind: "bytes"; readonly bytes: Uint8Array };

const DECODER_ERRORS = {
  jpeg: {
    [-1]: "not a JPEG",
    [-2]: "unsupported JPEG variant (lossless, hierarchical or 12-bit)",
    [-3]: "corrupt JPEG data",
    [-4]: "JPEG ends inside its headers",
    [-5]: "JPEG too large",
    [-7]: "JPEG frame header is not the one the probe read (hidden or second frame)",
  },
  png: {
    [-1]: "not a PNG",
    [-2]: "corrupt PNG (header, chunk, zlib or filter data before any row)",
    [-3]: "PNG ends before its image data",
    [-4]: "PNG too large",
    [-5]: "unsupported PNG compression, filter or interlace method",
  },
  gif: {
    [-1]: "not a GIF",
    [-2]: "corrupt GIF before its first image",
    [-3]: "GIF ends before its first image",
    [-4]: "GIF too large",
  },
  webp: WEBP_ERRORS,
} as const satisfies Record<string, Record<number, string>>;

/** The decoders' code for "valid but unsupported variant" (a 422 SOURCE_UNSUPPORTED, not UNDECODABLE). */
const UNSUPPORTED: Partial<Record<keyof typeof DECODER_ERRORS, number>> = { jpeg: -2, png: -5, webp: -2 };

const PIPE_ERR_MISMATCH = -100;

function failure(source: RowSource, code: number): ThumbnailError {
  if (code === PIPE_ERR_MISMATCH || (source.kind === "webp" && code === WEBP_MISMATCH)) {
    return new ThumbnailError("SOURCE_UNDECODABLE", {
      internal: `${source.kind === "pushed" ? source.codec : source.kind}: the image data does not match the size its header declares`,
    });
  }
  if (source.kind === "frame" || source.kind === "pushed" || code <= -100 || (source.kind === "webp" && code === WEBP_ARGUMENT)) {
    // Arguments the planner computed, or an encoder refusing a size the limits let through: a bug.
    return new ThumbnailError("INTERNAL", { internal: `image core pipeline failed with ${code} (${source.kind} source)` });
  }
  const messages: Record<number, string> = DECODER_ERRORS[source.kind];
  return new ThumbnailError(code === UNSUPPORTED[source.kind] ? "SOURCE_UNSUPPORTED" : "SOURCE_UNDECODABLE", {
    internal: `${source.kind} decoder: ${messages[code] ?? `error ${code}`}`,
  });
}

function run(core: ImageCore, id: number, source: RowSource): number {
  const x = core.exports;
  switch (source.kind) {
    case "jpeg":
      // The probed size goes in: the memory was reserved for that frame and no other.
      return x.pipeRunJpeg(id, source.input, source.length, source.denom, source.declared.width, source.declared.height);
    case "png":
      return x.pipeRunPng(id, source.input, source.length);
    case "gif":
      return x.pipeRunGif(id, source.input, source.length);
    case "frame":
      return x.pipeRunFrame(id, source.frame.ptr, source.frame.width, source.frame.height);
    case "webp":
      return source.decoder.pushRows(core, id, source.canvas, source.rows);
    case "pushed":
      return source.push(core, id);
  }
}

export function runRows(core: ImageCore, source: RowSource, stages: readonly RowStage[], sink: RowSink): RowResult {
  const x = core.exports;
  const id = x.pipeNew();
  // The colour grids copied into the core for this run, freed with the pipeline.
  const grids: number[] = [];
  try {
    for (const stage of stages) {
      switch (stage.kind) {
        case "resize": {
          const { from, to, window: w } = stage;
          x.pipeResize(id, from.width, from.height, to.width, to.height, w.x, w.y, w.width, w.height, stage.premultiply ? 1 : 0);
          break;
        }
        case "crop":
          x.pipeCrop(id, stage.from.width, stage.from.height, stage.window.x, stage.window.y, stage.window.width, stage.window.height);
          break;
        case "flatten":
          x.pipeFlatten(id, stage.color.r, stage.color.g, stage.color.b);
          break;
        case "colour": {
          const { nodes, channels, size } = stage.grid;
          const ptr = x.alloc(nodes.byteLength);
          grids.push(ptr);
          new Uint16Array(x.memory.buffer, ptr, nodes.length).set(nodes);
          x.pipeColour(id, ptr, channels, size);
          break;
        }
      }
    }
    if (sink.kind === "frame") x.pipeToFrame(id, sink.orientation);
    else x.pipeToJpeg(id, sink.quality);
    const code = run(core, id, source);
    if (code !== 0) throw failure(source, code);
    if (sink.kind === "jpeg") {
      const length = x.pipeOutputLength(id);
      return { kind: "bytes", bytes: core.takeBytes(x.pipeOutput(id), length) };
    }
    const width = x.pipeWidth(id);
    const height = x.pipeHeight(id);
    const alpha = x.pipeAlpha(id) !== 0;
    return { kind: "frame", frame: core.frame(x.pipeOutput(id), width, height), alpha };
  } finally {
    x.pipeFree(id);
    for (const ptr of grids) x.free(ptr);
  }
}
