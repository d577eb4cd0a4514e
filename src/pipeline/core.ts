/**
 * The project's WebAssembly image core (wasm/). Pixels live in its linear memory; JS holds pointers
 * and builds row pipelines through `pipe*` calls (wasm/assembly/pipe/index.ts).
 *
 * The core imports its memory, so whoever instantiates it chooses the memory's maximum: a request's
 * instance can never grow past what the request reserved (the allocator's growth fails instead), and
 * dropping the instance gives all of it back: WebAssembly memory never shrinks, instances do go away.
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
  hasAlpha(src: number, n: number): number;
  smartCrop(src: number, w: number, h: number, tw: number, th: number): void;
  smartCropX(): number;
  smartCropY(): number;
  pipeNew(): number;
  pipeResize(id: number, srcW: number, srcH: number, dstW: number, dstH: number, x: number, y: number, w: number, h: number, premultiply: number): void;
  pipeCrop(id: number, srcW: number, srcH: number, x: number, y: number, w: number, h: number): void;
  pipeFlatten(id: number, r: number, g: number, b: number): void;
  pipeColour(id: number, grid: number, channels: number, size: number): void;
  pipeToFrame(id: number, orientation: number): void;
  pipeToJpeg(id: number, quality: number): void;
  pipeRunJpeg(id: number, ptr: number, len: number, scaleDenom: number, expectedWidth: number, expectedHeight: number): number;
  pipeRunPng(id: number, ptr: number, len: number): number;
  pipeRunGif(id: number, ptr: number, len: number): number;
  pipeRunFrame(id: number, ptr: number, width: number, height: number): number;
  pipeBeginRows(id: number, width: number, height: number): number;
  pipePushRow(id: number, row: number): number;
  pipeEndRows(id: number): number;
  pipeOutput(id: number): number;
  pipeOutputLength(id: number): number;
  pipeWidth(id: number): number;
  pipeHeight(id: number): number;
  pipeAlpha(id: number): number;
  pipeFree(id: number): void;
  pngAnalyze(frame: number, width: number, height: number): number;
  pngPaletteSize(): number;
  pngPaletteAlphas(): number;
  pngPalette(): number;
  pngRepeats(): number;
  pngPack(frame: number, width: number, height: number, colourType: number, depth: number): number;
  pngRepack(data: number, width: number, height: number, colourType: number, depth: number): number;
  pngFilterRows(data: number, width: number, height: number, colourType: number, depth: number): void;
  pngFilterBand(data: number, width: number, height: number, colourType: number, depth: number, y0: number, rows: number, out: number): void;
}

const PAGE = 65536;
/** What the module declares as its initial memory (wasm/build.mjs --initialMemory). */
const INITIAL_PAGES = 16;
/** wasm32's own limit: an instance made without a reservation (tests, tools) may use all of it. */
const MAX_PAGES = 65536;

/** An RGBA8 frame in the core's memory (a FrameSink's: one spare byte per row after it), freed by whoever holds it. */
export class CoreFrame {
  constructor(
    private readonly core: ImageCore,
    readonly ptr: number,
    readonly width: number,
    readonly height: number,
  ) {}

  get byteLength(): number {
    return this.width * this.height * 4;
  }

  /** A copy: some jSquash encoders read `data.buffer` whole, so a view would hand them the core's memory. */
  copyOut(): Uint8ClampedArray<ArrayBuffer> {
    return new Uint8ClampedArray(this.core.exports.memory.buffer.slice(this.ptr, this.ptr + this.byteLength));
  }

  free(): void {
    this.core.exports.free(this.ptr);
  }
}

export class ImageCore {
  constructor(
    readonly exports: CoreExports,
    /** The most this instance's memory may grow to. */
    readonly maxBytes: number,
  ) {}

  /** Copies RGBA pixels in (for decoders that produce them in JS). */
  fromRgba(data: ArrayLike<number>, width: number, height: number): CoreFrame {
    const ptr = this.exports.alloc(width * height * 4);
    new Uint8Array(this.exports.memory.buffer, ptr, width * height * 4).set(data as Uint8Array);
    return new CoreFrame(this, ptr, width, height);
  }

  /** Copies bytes in; the caller frees the returned pointer. */
  putBytes(bytes: Uint8Array): number {
    const ptr = this.exports.alloc(Math.max(1, bytes.byteLength));
    new Uint8Array(this.exports.memory.buffer, ptr, bytes.byteLength).set(bytes);
    return ptr;
  }

  /** Copies `length` bytes at `ptr` out and frees them. */
  takeBytes(ptr: number, length: number): Uint8Array {
    const bytes = new Uint8Array(this.exports.memory.buffer.slice(ptr, ptr + length));
    this.exports.free(ptr);
    return bytes;
  }

  frame(ptr: number, width: number, height: number): CoreFrame {
    return new CoreFrame(this, ptr, width, height);
  }

  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /** Whether a trap came from the memory reaching its maximum (the allocator's growth failing). */
  atLimit(request: number): boolean {
    return this.memoryBytes + request > this.maxBytes || this.memoryBytes + PAGE > this.maxBytes;
  }
}

export class CoreAbortError extends Error {
  override readonly name = "CoreAbortError";
}

/**
 * A new instance with `maxBytes` of memory, or a growable one without. A reserved instance gets all
 * of its memory up front: the allocator then takes it as one free block and never grows (growing adds
 * whole blocks past a free tail, which wastes up to the largest allocation), so the instance holds
 * exactly what the ledger reserved for it.
 */
export async function instantiateCore(module: WebAssembly.Module, maxBytes?: number): Promise<ImageCore> {
  const maximum = maxBytes === undefined ? MAX_PAGES : Math.max(INITIAL_PAGES, Math.min(MAX_PAGES, Math.ceil(maxBytes / PAGE)));
  const memory = new WebAssembly.Memory({ initial: maxBytes === undefined ? INITIAL_PAGES : maximum, maximum });
  const instance = await WebAssembly.instantiate(module, {
    env: {
      memory,
      abort(_message: number, _file: number, line: number, column: number) {
        throw new CoreAbortError(`image core aborted at ${line}:${column}`);
      },
    },
  });
  return new ImageCore(instance.exports as unknown as CoreExports, maximum * PAGE);
}

/**
 * After a trap (a bug, or memory.grow failing) the core's allocator may be mid-update: that instance
 * is dropped, not called again (pool.ts), and the next request gets a fresh one.
 */
export function coreTrapped(error: unknown): boolean {
  if (error instanceof WebAssembly.RuntimeError || error instanceof CoreAbortError) return true;
  // A trap reported as a ThumbnailError (the memory reservation reached) still leaves the heap suspect.
  return error instanceof Error && error.cause !== undefined && coreTrapped(error.cause);
}
