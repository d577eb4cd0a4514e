/**
 * The project's WebAssembly image core (wasm/). Pixels live in its one linear memory; JS holds
 * `CoreImage` handles (pointer + size) and must free them. Instantiated once per isolate: memory
 * only grows, so reusing one instance keeps the peak at the largest single request.
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  resize(src: number, srcW: number, srcH: number, dstW: number, dstH: number, premultiply: number): number;
  orient(src: number, w: number, h: number, orientation: number): number;
  crop(src: number, w: number, x: number, y: number, cw: number, ch: number): number;
  hasAlpha(src: number, n: number): number;
  flatten(src: number, n: number, r: number, g: number, b: number): void;
  smartCrop(src: number, w: number, h: number, tw: number, th: number): void;
  smartCropX(): number;
  smartCropY(): number;
  jpegDecode(ptr: number, len: number, scaleDenom: number, expectedWidth: number, expectedHeight: number): number;
  jpegWidth(): number;
  jpegHeight(): number;
  jpegError(): number;
  jpegEncode(rgba: number, width: number, height: number, quality: number): number;
  jpegEncodedLength(): number;
  gifDecode(ptr: number, len: number): number;
  gifWidth(): number;
  gifHeight(): number;
  gifError(): number;
  pngDecode(ptr: number, len: number): number;
  pngWidth(): number;
  pngHeight(): number;
  pngError(): number;
}

export class CoreImage {
  constructor(
    private readonly core: ImageCore,
    readonly ptr: number,
    readonly width: number,
    readonly height: number,
  ) {}

  get byteLength(): number {
    return this.width * this.height * 4;
  }

  /**
   * A copy: some jSquash encoders read `data.buffer` whole, so a view into the core's memory
   * would hand them every image in it.
   */
  toRgba(): Uint8ClampedArray<ArrayBuffer> {
    return new Uint8ClampedArray(this.core.exports.memory.buffer.slice(this.ptr, this.ptr + this.byteLength));
  }

  free(): void {
    this.core.exports.free(this.ptr);
  }
}

export class ImageCore {
  constructor(readonly exports: CoreExports) {}

  /** Copies RGBA pixels in (for decoders that produce them in JS). */
  fromRgba(data: ArrayLike<number> & { readonly length: number }, width: number, height: number): CoreImage {
    const ptr = this.exports.alloc(width * height * 4);
    new Uint8Array(this.exports.memory.buffer, ptr, width * height * 4).set(data as Uint8Array);
    return new CoreImage(this, ptr, width, height);
  }

  /** Copies arbitrary bytes in; the caller frees the returned pointer. */
  putBytes(bytes: Uint8Array): number {
    const ptr = this.exports.alloc(bytes.byteLength);
    new Uint8Array(this.exports.memory.buffer, ptr, bytes.byteLength).set(bytes);
    return ptr;
  }

  /** Copies `length` bytes at `ptr` out and frees them. */
  takeBytes(ptr: number, length: number): Uint8Array {
    const bytes = new Uint8Array(this.exports.memory.buffer.slice(ptr, ptr + length));
    this.exports.free(ptr);
    return bytes;
  }

  wrap(ptr: number, width: number, height: number): CoreImage {
    return new CoreImage(this, ptr, width, height);
  }

  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }
}

export class CoreAbortError extends Error {
  override readonly name = "CoreAbortError";
}

let instance: Promise<ImageCore> | undefined;

export function loadCore(module: WebAssembly.Module): Promise<ImageCore> {
  instance ??= WebAssembly.instantiate(module, {
    env: {
      abort(_message: number, _file: number, line: number, column: number) {
        throw new CoreAbortError(`image core aborted at ${line}:${column}`);
      },
    },
  }).then((i) => new ImageCore(i.exports as unknown as CoreExports));
  return instance;
}

/**
 * After a trap (a bug, or memory.grow failing) the core's allocator may be mid-update: the next
 * request gets a fresh instance rather than a heap in an unknown state.
 */
export function discardCoreAfter(error: unknown): boolean {
  if (!(error instanceof WebAssembly.RuntimeError || error instanceof CoreAbortError)) return false;
  instance = undefined;
  return true;
}
