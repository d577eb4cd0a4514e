import type { Config } from "../config";
import type { Av1Instance } from "./av1";
import type { ThumbnailRequest } from "../url";
import type { ImageCore } from "./core";
import type { Plan } from "./geometry";
import type { ImageInfo } from "./probe";
import type { Rect, RowSource, RowStage, Size } from "./rows";

/**
 * What the steps share. Steps before `encode` plan a row pipeline (its source, stages and the
 * orientation the sink applies); `encode` runs it, so pixels flow from the decoder to the encoder in
 * strips. Only `crop` with `smart` runs a pass of its own (it must see the image to choose).
 */
export interface PipelineContext {
  readonly request: ThumbnailRequest;
  readonly config: Readonly<Config>;
  readonly core: ImageCore;
  /** The source file's bytes (held by the caller). */
  readonly bytes: Uint8Array;
  readonly info: ImageInfo;
  readonly plan: Plan;
  /** JPEG DCT reduction (1, 2, 4 or 8) the decoder uses; 1 for other formats. */
  readonly decodeScale: number;
  /** The memory a decoder instance outside the core may take (WebP's), as the cost reserved it. */
  readonly decoderBytes: number;
  /** The AV1 instance's memory maximum (an AVIF source's decoder, an AVIF thumbnail's encoder, or both in one), as the cost reserved it. */
  readonly av1Bytes: number;
  /** The AVIF source's AV1 instance, its pictures freed, kept for the AVIF encoder; given back to the pool when the pipeline ends. */
  av1: Av1Instance | null;
  source: RowSource | null;
  /** The size of the rows the source emits, in its own (stored) axes (the decoder's: the cost's to begin with). */
  rows: Size;
  /** EXIF orientation the sink applies (1 once applied). */
  orientation: number;
  /** The part of the resized image to keep, in the same axes as `rows`; null: all of it. */
  window: Rect | null;
  /** The source already emits rows at the resize target (smart's analysis pass produced them). */
  resized: boolean;
  readonly stages: RowStage[];
  /** The colour stage (colour.ts) the resize step places after itself; null: none, or already placed. */
  colour: RowStage | null;
  /** The source may have pixels that are not fully opaque (resampling premultiplies them). */
  mayHaveAlpha: boolean;
  output: Uint8Array | null;
  /** Where `bytes` already sit in the core, when the caller read them straight into it. */
  readonly input: number | undefined;
  /** Frees what the current source holds in the core (its input bytes or frame). */
  releaseSource: () => void;
}

export interface Step {
  readonly name: string;
  run(ctx: PipelineContext): void | Promise<void>;
}

export function currentSource(ctx: PipelineContext): RowSource {
  if (!ctx.source) throw new Error("pipeline: no source yet");
  return ctx.source;
}

/** Frees the current source and makes `next` (freed by `release`) the one rows come from. */
export function replaceSource(ctx: PipelineContext, next: RowSource, rows: Size, release: () => void): void {
  ctx.releaseSource();
  ctx.source = next;
  ctx.rows = rows;
  ctx.releaseSource = once(release);
}

export function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
