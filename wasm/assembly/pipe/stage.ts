// The row contract every part of the core speaks. A source (a decoder, or a frame already in memory)
// announces the size of its rows with begin(), then pushes exactly `height` rows of `width` RGBA8
// pixels, top to bottom, then calls end(). Each stage transforms rows and hands them to the next, so
// no stage sees more than the rows it needs: that is what keeps a 24 MP decode to a few strips.
//
// A stage that finds the rows contradicting what it was built for (a different size, more rows than
// announced) records an error with fail(); sources check failed() after every row and stop.

/** The data contradicts the size the pipeline was planned for (header lied, second frame, …). */
export const PIPE_ERR_MISMATCH: i32 = -100;
/** A stage was given arguments it cannot work with (zero size, window outside the image). */
export const PIPE_ERR_ARGUMENT: i32 = -101;
/** The encoder refused (size or quality outside its range). */
export const PIPE_ERR_ENCODER: i32 = -102;
/** A frame the sink was asked to hold is over MAX_FRAME_BYTES. */
export const PIPE_ERR_TOO_LARGE: i32 = -103;

/** No frame is ever allocated past this: a bound far above any plan, below wasm32's 4 GB. */
export const MAX_FRAME_BYTES: u64 = 256 * 1024 * 1024;

let pipeError: i32 = 0;

export function fail(code: i32): void {
  if (pipeError == 0) pipeError = code;
}

export function failed(): bool {
  return pipeError != 0;
}

export function pipeErrorCode(): i32 {
  return pipeError;
}

export function resetPipeError(): void {
  pipeError = 0;
}

export abstract class Stage {
  next: Stage | null = null;

  /** The source's row size; a stage that cannot take it calls fail() and returns false. */
  abstract begin(width: i32, height: i32): bool;
  /** One row of the announced width (RGBA8); read only during the call. */
  abstract push(row: usize): void;
  /** After the last row: frees this stage's working memory and ends the stages after it. */
  end(): void {
    this.release();
    if (this.next != null) this.next!.end();
  }
  /** Frees whatever this stage and the stages after it still hold (after an error, before end()). */
  dispose(): void {
    this.release();
    if (this.next != null) this.next!.dispose();
  }
  /** Frees this stage's own memory; calling it again does nothing. */
  protected release(): void {}
}

/** Pushes a tightly packed RGBA8 frame through a pipeline. */
export function pushFrame(head: Stage, frame: usize, width: i32, height: i32): void {
  if (!head.begin(width, height)) return;
  const stride = <usize>width << 2;
  for (let y = 0; y < height && !failed(); y++) head.push(frame + <usize>y * stride);
  if (!failed()) head.end();
}
