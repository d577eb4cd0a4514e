// Row-at-a-time front end of the encoder (temporary: buffers the frame until the streaming encoder lands).
import { encode, getEncodedLength } from "./encoder";

export class JpegWriter {
  private frame: usize = 0;
  private row: i32 = 0;
  private len: i32 = 0;

  constructor(private readonly width: i32, private readonly height: i32, private readonly quality: i32) {
    if (width > 0 && height > 0 && width <= 65535 && height <= 65535) this.frame = heap.alloc(<usize>width * <usize>height * 4);
  }

  writeRow(rgba: usize): void {
    if (this.frame == 0 || this.row >= this.height) return;
    memory.copy(this.frame + <usize>this.row * (<usize>this.width << 2), rgba, <usize>this.width << 2);
    this.row++;
  }

  finish(): usize {
    if (this.frame == 0) return 0;
    const out = encode(this.frame, this.width, this.height, this.quality);
    this.len = getEncodedLength();
    this.dispose();
    return out;
  }

  get length(): i32 {
    return this.len;
  }

  dispose(): void {
    if (this.frame != 0) heap.free(this.frame);
    this.frame = 0;
  }
}
