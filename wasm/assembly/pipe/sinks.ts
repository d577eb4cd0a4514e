// The ends of a pipeline: a frame in memory (for whole-frame encoders, the smart crop's analysis and
// EXIF orientation, which moves rows into columns) or the JPEG encoder, which takes rows as they come.

import { JpegWriter } from "../jpegenc/encoder";
import { fail, MAX_FRAME_BYTES, PIPE_ERR_ENCODER, PIPE_ERR_MISMATCH, PIPE_ERR_TOO_LARGE, Stage } from "./stage";

/** Composites rows onto an opaque background (JPEG has no alpha: the encoder would drop it to black). */
export class FlattenStage extends Stage {
  private row: usize = 0;
  private width: i32 = 0;

  constructor(private readonly r: i32, private readonly g: i32, private readonly b: i32) {
    super();
  }

  begin(width: i32, height: i32): bool {
    this.width = width;
    this.row = heap.alloc(<usize>width << 2);
    return this.next!.begin(width, height);
  }

  push(src: usize): void {
    const dst = this.row;
    for (let i = 0; i < this.width; i++) {
      const o = <usize>i << 2;
      const px = load<u32>(src + o);
      const a = <i32>(px >>> 24);
      if (a == 255) {
        store<u32>(dst + o, px);
        continue;
      }
      const ia = 255 - a;
      const r = (<i32>(px & 0xff) * a + this.r * ia + 127) / 255;
      const g = (<i32>((px >>> 8) & 0xff) * a + this.g * ia + 127) / 255;
      const b = (<i32>((px >>> 16) & 0xff) * a + this.b * ia + 127) / 255;
      store<u32>(dst + o, 0xff000000 | <u32>r | (<u32>g << 8) | (<u32>b << 16));
    }
    this.next!.push(dst);
  }

  protected release(): void {
    if (this.row != 0) heap.free(this.row);
    this.row = 0;
  }
}

/** What a sink leaves behind for JS: a frame or encoded bytes, owned by the caller once taken. */
export abstract class Sink extends Stage {
  output: usize = 0;
  outputLength: i32 = 0;
  width: i32 = 0;
  height: i32 = 0;
  alpha: bool = false;

  /** Hands the output over: the sink no longer frees it. */
  take(): usize {
    const p = this.output;
    this.output = 0;
    return p;
  }

  protected release(): void {
    if (this.output != 0) heap.free(this.output);
    this.output = 0;
  }
}

/**
 * Collects rows into a frame, applying EXIF orientation 1–8 as they arrive (5–8 turn rows into
 * columns, so a transposing orientation needs the frame anyway; doing it here saves a second copy).
 */
export class FrameSink extends Sink {
  private base: usize = 0;
  private rowStep: isize = 0; // where row y+1's first pixel lands relative to row y's
  private pixelStep: isize = 0;
  private received: i32 = 0;
  private srcW: i32 = 0;
  private srcH: i32 = 0;
  private opaque: v128 = i8x16.splat(-1);

  constructor(private readonly orientation: i32) {
    super();
  }

  begin(width: i32, height: i32): bool {
    if (<u64>width * <u64>height * 4 > MAX_FRAME_BYTES) {
      fail(PIPE_ERR_TOO_LARGE);
      return false;
    }
    const swap = this.orientation >= 5 && this.orientation <= 8;
    const dw = swap ? height : width;
    const dh = swap ? width : height;
    this.srcW = width;
    this.srcH = height;
    this.width = dw;
    this.height = dh;
    this.received = 0;
    this.opaque = i8x16.splat(-1);
    // One spare byte per row: the PNG encoder filters in place, and a filtered RGBA row is one longer.
    this.output = heap.alloc(<usize>dw * <usize>dh * 4 + <usize>dh);
    this.outputLength = dw * dh * 4;
    const row = <isize>dw << 2;
    const lastX = <isize>(width - 1);
    const lastY = <isize>(height - 1);
    // For stored pixel (sx, sy): displayed address = base + sy * rowStep + sx * pixelStep.
    switch (this.orientation) {
      case 2: this.base = <usize>(lastX << 2); this.rowStep = row; this.pixelStep = -4; break;
      case 3: this.base = <usize>(lastY * row + (lastX << 2)); this.rowStep = -row; this.pixelStep = -4; break;
      case 4: this.base = <usize>(lastY * row); this.rowStep = -row; this.pixelStep = 4; break;
      case 5: this.base = 0; this.rowStep = 4; this.pixelStep = row; break;
      case 6: this.base = <usize>(lastY << 2); this.rowStep = -4; this.pixelStep = row; break;
      case 7: this.base = <usize>((lastY << 2) + lastX * row); this.rowStep = -4; this.pixelStep = -row; break;
      case 8: this.base = <usize>(lastX * row); this.rowStep = 4; this.pixelStep = -row; break;
      default: this.base = 0; this.rowStep = row; this.pixelStep = 4; break;
    }
    return true;
  }

  push(src: usize): void {
    const sy = this.received++;
    if (sy >= this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    const n = this.srcW;
    let acc = this.opaque;
    let x = 0;
    for (; x + 4 <= n; x += 4) acc = v128.and(acc, v128.load(src + (<usize>x << 2)));
    for (; x < n; x++) acc = v128.and(acc, i32x4.splat(load<i32>(src + (<usize>x << 2))));
    this.opaque = acc;
    const start = <isize>this.output + <isize>this.base + <isize>sy * this.rowStep;
    if (this.pixelStep == 4) {
      memory.copy(<usize>start, src, <usize>n << 2);
      return;
    }
    let d = start;
    const step = this.pixelStep;
    for (let i = 0; i < n; i++, d += step) store<u32>(<usize>d, load<u32>(src + (<usize>i << 2)));
  }

  end(): void {
    if (this.received != this.srcH) {
      fail(PIPE_ERR_MISMATCH);
      this.dispose();
      return;
    }
    const a = this.opaque;
    this.alpha =
      (i32x4.extract_lane(a, 0) & i32x4.extract_lane(a, 1) & i32x4.extract_lane(a, 2) & i32x4.extract_lane(a, 3)) >>> 24 != 0xff;
  }
}

/** What a whole-frame decode (for tests and tools) returns: the frame, or 0 after an error code. */
export function frameOrZero(frame: FrameSink, code: i32): usize {
  if (code != 0) {
    frame.dispose();
    return 0;
  }
  return frame.take();
}

/** Encodes rows to a baseline JPEG as they arrive (the encoder keeps one MCU row of pixels). */
export class JpegSink extends Sink {
  private writer: JpegWriter | null = null;
  private received: i32 = 0;

  constructor(private readonly quality: i32) {
    super();
  }

  begin(width: i32, height: i32): bool {
    this.width = width;
    this.height = height;
    this.received = 0;
    this.writer = new JpegWriter(width, height, this.quality);
    return true;
  }

  push(row: usize): void {
    if (this.received++ >= this.height) {
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    this.writer!.writeRow(row);
  }

  end(): void {
    const writer = this.writer!;
    this.writer = null;
    if (this.received != this.height) {
      writer.dispose();
      fail(PIPE_ERR_MISMATCH);
      return;
    }
    const out = writer.finish();
    if (out == 0) {
      fail(PIPE_ERR_ENCODER);
      return;
    }
    this.output = out;
    this.outputLength = writer.length;
  }

  protected release(): void {
    if (this.writer != null) this.writer!.dispose();
    this.writer = null;
    super.release();
  }
}
