// The core's one interface: JS builds a pipeline of stages, runs one source through it, and takes
// what the sink left. Every call names its pipeline, and results live on it, not in module globals.
//
//   pipeNew(): i32                                   a new, empty pipeline (its id)
//   pipeResize(id, srcW, srcH, dstW, dstH, x, y, w, h, premultiply)
//                                                    Lanczos3 from srcW × srcH (the rows must be that
//                                                    size, or the run stops with PIPE_ERR_MISMATCH) to
//                                                    dstW × dstH, keeping the window (x, y, w, h)
//   pipeCrop(id, srcW, srcH, x, y, w, h)             keeps a window of srcW × srcH rows, no resampling
//   pipeFlatten(id, r, g, b)                         composites onto an opaque colour
//   pipeColour(id, grid, channels, size)             an ICC profile's transform to sRGB, sampled on a
//                                                    grid (pipe/colour.ts; the caller keeps the grid
//                                                    until the run ends). channels 4 as the first
//                                                    stage of a JPEG run: the decoder hands it the
//                                                    CMYK ink itself, not its naive RGB
//   pipeToFrame(id, orientation): the sink is a frame, EXIF orientation 1–8 applied
//   pipeToJpeg(id, quality):      the sink is the baseline JPEG encoder (rows encoded as they come)
//   pipeRunJpeg(id, ptr, len, scaleDenom, expectedWidth, expectedHeight) / pipeRunPng(id, ptr, len) /
//   pipeRunGif(id, ptr, len) /
//   pipeRunFrame(id, ptr, width, height): i32        pushes a source through; 0 or an error code:
//                                                    the decoder's own (JPEG_*, PNG_*, GIF_*) or PIPE_*
//   pipeBeginRows(id, width, height): i32 / pipePushRow(id, ptr): i32 / pipeEndRows(id): i32
//                                                    a source outside the core (a codec in another
//                                                    instance) pushes its RGBA8 rows one by one; each
//                                                    call answers 0 or the run's error (the pipeline
//                                                    is then disposed). Rows must come in one
//                                                    synchronous run: the error state is the core's.
//   pipeOutput(id): usize   the frame or encoded bytes, handed to the caller (who frees them)
//   pipeOutputLength(id), pipeWidth(id), pipeHeight(id), pipeAlpha(id)   what the sink produced
//   pipeFree(id)            frees the pipeline and whatever it still holds

import { decode as gifDecode } from "../gif/decoder";
import { decode as jpegDecode } from "../jpeg/decoder";
import { setCmykInk } from "../jpeg/output";
import { decode as pngDecode } from "../png/decoder";
import { ColourStage } from "./colour";
import { CropStage, ResizeStage } from "./resize";
import { FlattenStage, FrameSink, JpegSink, Sink } from "./sinks";
import { failed, PIPE_ERR_ARGUMENT, PIPE_ERR_MISMATCH, pipeErrorCode, pushFrame, resetPipeError, Stage } from "./stage";

export { PIPE_ERR_ARGUMENT, PIPE_ERR_ENCODER, PIPE_ERR_MISMATCH, PIPE_ERR_TOO_LARGE } from "./stage";

class Pipe {
  head: Stage | null = null;
  tail: Stage | null = null;
  sink: Sink | null = null;
  ran: bool = false;
  rowsLeft: i32 = -1;

  add(stage: Stage): void {
    if (this.sink != null) return;
    if (this.tail == null) this.head = stage;
    else this.tail!.next = stage;
    this.tail = stage;
  }

  end(sink: Sink): void {
    this.add(sink);
    this.sink = sink;
  }
}

// Pipelines are reachable from here until pipeFree, so the collector keeps them while JS holds an id.
// Made with room for a request's few pipelines when the instance starts, so that it is never
// reallocated during a request: a block that outlives a request would split the heap the next one
// gets (a pooled instance's memory is exactly what its requests reserved).
const pipes = new Array<Pipe | null>(8);

function get(id: i32): Pipe | null {
  return id > 0 && id <= pipes.length ? unchecked(pipes[id - 1]) : null;
}

export function pipeNew(): i32 {
  for (let i = 0; i < pipes.length; i++) {
    if (unchecked(pipes[i]) == null) {
      unchecked((pipes[i] = new Pipe()));
      return i + 1;
    }
  }
  pipes.push(new Pipe());
  return pipes.length;
}

export function pipeResize(
  id: i32, srcW: i32, srcH: i32, dstW: i32, dstH: i32, x: i32, y: i32, w: i32, h: i32, premultiply: bool,
): void {
  const p = get(id);
  if (p != null) p.add(new ResizeStage(srcW, srcH, dstW, dstH, x, y, w, h, premultiply));
}

export function pipeCrop(id: i32, srcW: i32, srcH: i32, x: i32, y: i32, w: i32, h: i32): void {
  const p = get(id);
  if (p != null) p.add(new CropStage(srcW, srcH, x, y, w, h));
}

export function pipeFlatten(id: i32, r: i32, g: i32, b: i32): void {
  const p = get(id);
  if (p != null) p.add(new FlattenStage(r, g, b));
}

export function pipeColour(id: i32, grid: usize, channels: i32, size: i32): void {
  const p = get(id);
  if (p != null) p.add(new ColourStage(grid, channels, size));
}

export function pipeToFrame(id: i32, orientation: i32): void {
  const p = get(id);
  if (p != null) p.end(new FrameSink(orientation));
}

export function pipeToJpeg(id: i32, quality: i32): void {
  const p = get(id);
  if (p != null) p.end(new JpegSink(quality));
}

/** The pipeline ready to run once, or null (no sink yet, already run, unknown id). */
function ready(id: i32): Pipe | null {
  resetPipeError();
  const p = get(id);
  if (p == null || p.sink == null || p.ran) return null;
  p.ran = true;
  return p;
}

/**
 * The run's outcome: the pipeline's own error first (a decoder only reports that it was stopped),
 * and a source that reported success without delivering every row is a mismatch, not an empty result.
 */
function outcome(p: Pipe, code: i32): i32 {
  const pipe = pipeErrorCode();
  let result = pipe != 0 ? pipe : code;
  if (result == 0 && p.sink!.output == 0) result = PIPE_ERR_MISMATCH;
  if (result != 0) p.head!.dispose();
  return result;
}

/** expectedWidth × expectedHeight: the frame the caller probed (both 0: any); another one stops the run. */
export function pipeRunJpeg(id: i32, ptr: usize, len: i32, scaleDenom: i32, expectedWidth: i32, expectedHeight: i32): i32 {
  const p = ready(id);
  if (p == null) return PIPE_ERR_ARGUMENT;
  const head = p.head!;
  setCmykInk(head instanceof ColourStage && (<ColourStage>head).takesCmyk());
  const code = jpegDecode(ptr, len, scaleDenom, expectedWidth, expectedHeight, head);
  setCmykInk(false);
  return outcome(p, code);
}

export function pipeRunPng(id: i32, ptr: usize, len: i32): i32 {
  const p = ready(id);
  if (p == null) return PIPE_ERR_ARGUMENT;
  return outcome(p, pngDecode(ptr, len, p.head!));
}

export function pipeRunGif(id: i32, ptr: usize, len: i32): i32 {
  const p = ready(id);
  if (p == null) return PIPE_ERR_ARGUMENT;
  return outcome(p, gifDecode(ptr, len, p.head!));
}

export function pipeRunFrame(id: i32, ptr: usize, width: i32, height: i32): i32 {
  const p = ready(id);
  if (p == null) return PIPE_ERR_ARGUMENT;
  pushFrame(p.head!, ptr, width, height);
  return outcome(p, 0);
}

export function pipeBeginRows(id: i32, width: i32, height: i32): i32 {
  const p = ready(id);
  if (p == null) return PIPE_ERR_ARGUMENT;
  if (width <= 0 || height <= 0 || !p.head!.begin(width, height)) return outcome(p, PIPE_ERR_ARGUMENT);
  p.rowsLeft = height;
  return 0;
}

export function pipePushRow(id: i32, row: usize): i32 {
  const p = get(id);
  if (p == null || p.rowsLeft <= 0) return PIPE_ERR_ARGUMENT;
  p.head!.push(row);
  p.rowsLeft--;
  if (!failed()) return 0;
  p.rowsLeft = -1;
  return outcome(p, 0);
}

/** Ends a pushed run; fewer rows than announced is a mismatch, not a shorter image. */
export function pipeEndRows(id: i32): i32 {
  const p = get(id);
  if (p == null || p.rowsLeft < 0) return PIPE_ERR_ARGUMENT;
  const short = p.rowsLeft != 0;
  p.rowsLeft = -1;
  if (short) {
    p.head!.dispose();
    return PIPE_ERR_MISMATCH;
  }
  p.head!.end();
  return outcome(p, 0);
}

export function pipeOutput(id: i32): usize {
  const p = get(id);
  return p != null && p.sink != null ? p.sink!.take() : 0;
}

export function pipeOutputLength(id: i32): i32 {
  const p = get(id);
  return p != null && p.sink != null ? p.sink!.outputLength : 0;
}

export function pipeWidth(id: i32): i32 {
  const p = get(id);
  return p != null && p.sink != null ? p.sink!.width : 0;
}

export function pipeHeight(id: i32): i32 {
  const p = get(id);
  return p != null && p.sink != null ? p.sink!.height : 0;
}

export function pipeAlpha(id: i32): bool {
  const p = get(id);
  return p != null && p.sink != null && p.sink!.alpha;
}

function release(id: i32): void {
  const p = get(id);
  if (p == null) return;
  if (p.head != null) p.head!.dispose();
  unchecked((pipes[id - 1] = null));
}

/**
 * Frees the pipeline and collects: its stage objects live in the same heap as the pixel buffers, and
 * left for the incremental collector they would sit between the blocks the next request needs whole
 * (a pooled instance's memory is exactly what its requests reserved). The collection runs once
 * `release` has returned, so that no local of it still holds the pipeline.
 */
export function pipeFree(id: i32): void {
  release(id);
  __collect();
}
