/**
 * The AV1 module (wasm/build/av1.wasm, built by wasm/av1.build.mjs): dav1d decoding the AV1 items of
 * an AVIF source, and libaom encoding an AVIF thumbnail, in one instance and one heap.
 *
 * Decoding: the pictures stay as dav1d gives them (planar YUV: 1.5 bytes per pixel for 8-bit 4:2:0, 3
 * for 10/12-bit) and are converted to RGBA8 one row at a time as the image core's pipeline takes them
 * (pipeBeginRows/pipePushRow/pipeEndRows).
 *
 * Encoding: the thumbnail's rows go in two at a time as YUV 4:2:0 (and an alpha plane), libaom encodes
 * them, avif-writer.ts wraps the pictures. An AVIF source thumbnailed to AVIF keeps its instance from
 * the decode to the encode (decode.ts hands it over): the encoder reuses the memory dav1d freed, where a
 * second instance would add its own before the collector gave the first one back.
 *
 * Each instance imports its memory, with the request's reservation as its maximum: allocations past
 * it fail (a 422 for dav1d, a 413 for libaom: avifEncodeFailure), they never grow the isolate.
 * Instances are pooled by size class like the core's (pool.ts); large ones are dropped after their
 * request.
 */
import av1Module from "../../wasm/build/av1.wasm";
import { ThumbnailError } from "../errors";
import { writeAvif } from "./avif-writer";
import type { AvifFile, AvifPicture } from "./avif";
import type { CoreFrame, ImageCore } from "./core";
import { AVIF_SPEED, avifQuantizer } from "./avif-settings";
import { AV1_INITIAL_BYTES, AV1_KEEP_BYTES } from "./budget";
import { SizedPool } from "./pool";

interface Av1Exports {
  _initialize(): void;
  avif_input(size: number): number;
  avif_decode(slot: number, maxPixels: number): number;
  avif_finish(): void;
  avif_release(): void;
  avif_info(slot: number, field: number): number;
  avif_color(matrix: number, fullRange: number, bitDepth: number): number;
  avif_alpha(fullRange: number, bitDepth: number): number;
  avif_scratch(size: number): number;
  avif_row(slot: number, y: number, dst: number, n: number, alphaSlot: number): number;
  av1e_begin(width: number, height: number, alpha: number): number;
  av1e_rows(y: number, n: number): number;
  av1e_encode(alpha: number, quantizer: number, speed: number): number;
  av1e_output(): number;
  av1e_end(): void;
  av1e_out_of_memory(): number;
}

const PAGE = 65536;

const INFO = { width: 0, height: 1, bitDepth: 2, layout: 3, fullRange: 4, matrix: 5 } as const;
const ERRORS: Record<number, string> = {
  [-1]: "could not open the decoder",
  [-2]: "corrupt AV1 data",
  [-3]: "no picture in an AV1 item",
  [-4]: "out of memory",
};

/** A trap inside the module (a bug, the stubs' unreachable thread waits, a libaom error): the instance is dropped. */
class Av1Trap extends Error {
  override readonly name = "Av1Trap";
}

export class Av1Instance {
  constructor(
    readonly exports: Av1Exports,
    readonly memory: WebAssembly.Memory,
    readonly maxBytes: number,
  ) {}

  bytes(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }

}

/** WASI calls the C library links (stdio on dav1d's and libaom's unused debug paths): all fail with EBADF. */
function wasiStubs(module: WebAssembly.Module): Record<string, () => number> {
  const stubs: Record<string, () => number> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) if (from === "wasi_snapshot_preview1") stubs[name] = () => 8;
  return stubs;
}

export async function instantiateAv1(maxBytes: number, module: WebAssembly.Module = av1Module): Promise<Av1Instance> {
  const maximum = Math.max(AV1_INITIAL_BYTES, maxBytes) / PAGE;
  const memory = new WebAssembly.Memory({ initial: AV1_INITIAL_BYTES / PAGE, maximum: Math.ceil(maximum) });
  const instance = await WebAssembly.instantiate(module, { env: { memory }, wasi_snapshot_preview1: wasiStubs(module) });
  const exports = instance.exports as unknown as Av1Exports;
  exports._initialize();
  return new Av1Instance(exports, memory, Math.ceil(maximum) * PAGE);
}

function fail(what: string, code: number): ThumbnailError {
  return new ThumbnailError("SOURCE_UNDECODABLE", { internal: `avif: ${what}: ${ERRORS[code] ?? `dav1d error ${code}`}` });
}

/** Decodes every tile of `p` into slots from `first`; each must be the size its item declares. */
function decodePicture(d: Av1Instance, p: AvifPicture, first: number, what: string): void {
  const x = d.exports;
  p.tiles.forEach((data, i) => {
    const ptr = x.avif_input(data.length);
    if (ptr === 0) throw fail(what, -4);
    d.bytes(ptr, data.length).set(data);
    const code = x.avif_decode(first + i, p.tileWidth * p.tileHeight);
    if (code !== 0) throw fail(what, code);
    const width = x.avif_info(first + i, INFO.width);
    const height = x.avif_info(first + i, INFO.height);
    if (width !== p.tileWidth || height !== p.tileHeight) {
      throw new ThumbnailError("SOURCE_UNDECODABLE", { internal: `avif: ${what} decoded to ${width}x${height}, its ispe says ${p.tileWidth}x${p.tileHeight}` });
    }
  });
}

/** A decoded file whose rows the image core's pipeline pulls through `push`. */
export interface Av1Rows {
  readonly width: number;
  readonly height: number;
  /** Runs one pushed-rows pass of pipeline `id` in `core`: 0 or the pipeline's error code. */
  push(core: ImageCore, id: number): number;
}

/** An AVIF source being read: its rows, and the instance that holds its pictures. */
export interface OpenAvif extends Av1Rows {
  /** Frees the pictures and gives the instance back to the pool. */
  release(): void;
  /**
   * Frees the pictures and hands the instance over (undefined after a trap or a release): an AVIF
   * thumbnail encodes in it, into the memory dav1d has just freed. Whoever takes it gives it back with
   * `av1Pool.release`.
   */
  take(): Av1Instance | undefined;
}

/**
 * Decodes `file` in a pooled instance of `bytes` (its reservation, budget.ts av1InstanceBytes) and
 * gives its rows. After `release` or `take` the source holds no reference to the instance, so a
 * dropped one can be collected.
 */
export async function openAvif(file: AvifFile, bytes: number): Promise<OpenAvif> {
  let instance: Av1Instance | undefined = await av1Pool.acquire(bytes);
  let rows: Av1Rows;
  try {
    rows = decodeAvif(instance, file);
  } catch (error) {
    av1Pool.release(instance, av1Trapped(error));
    throw error;
  }
  const detach = () => {
    const held = instance;
    instance = undefined;
    rows = RELEASED;
    return held;
  };
  return {
    width: rows.width,
    height: rows.height,
    push(core, id) {
      if (!instance) throw new Error("avif: rows pushed after release");
      try {
        return rows.push(core, id);
      } catch (error) {
        if (av1Trapped(error)) detach();
        throw error;
      }
    },
    release() {
      const held = detach();
      if (held) av1Pool.release(held, false);
    },
    take() {
      const held = detach();
      if (!held) return undefined;
      try {
        held.exports.avif_release();
        return held;
      } catch {
        return undefined;
      }
    },
  };
}

const RELEASED: Av1Rows = {
  width: 0,
  height: 0,
  push() {
    throw new Error("avif: rows pushed after release");
  },
};

/** Decodes the file's pictures into `d` (held there until `avif_release`) and returns its row source. */
export function decodeAvif(d: Av1Instance, file: AvifFile): Av1Rows {
  const x = d.exports;
  const { color, alpha } = file;
  decodePicture(d, color, 0, "colour image");
  const alphaFirst = color.tiles.length;
  if (alpha) decodePicture(d, alpha, alphaFirst, "alpha image");
  // The decoders' state goes before any row is converted: only the pictures stay.
  x.avif_finish();
  const bitDepth = x.avif_info(0, INFO.bitDepth);
  // colr nclx, when present, says how the file's pixels are to be read; the AV1 stream's own otherwise.
  const matrix = file.nclx?.matrix ?? x.avif_info(0, INFO.matrix);
  const fullRange = file.nclx ? file.nclx.fullRange : x.avif_info(0, INFO.fullRange) === 1;
  if (x.avif_color(matrix, fullRange ? 1 : 0, bitDepth) !== 0) throw fail("colour image", -2);
  if (alpha && x.avif_alpha(x.avif_info(alphaFirst, INFO.fullRange), x.avif_info(alphaFirst, INFO.bitDepth)) !== 0) throw fail("alpha image", -2);
  const { width, height, columns, tileWidth, tileHeight } = color;
  const rowBytes = width * 4;
  const scratch = x.avif_scratch(columns * tileWidth * 4);
  if (scratch === 0) throw fail("rows", -4);
  return {
    width,
    height,
    push(core, id) {
      const c = core.exports;
      const row = c.alloc(rowBytes);
      try {
        let code = c.pipeBeginRows(id, width, height);
        for (let y = 0; y < height && code === 0; y++) {
          const tileRow = Math.floor(y / tileHeight);
          const ty = y - tileRow * tileHeight;
          for (let col = 0; col < columns; col++) {
            const slot = tileRow * columns + col;
            const n = Math.min(tileWidth, width - col * tileWidth);
            if (x.avif_row(slot, ty, scratch + col * tileWidth * 4, n, alpha ? alphaFirst + slot : -1) !== 0) throw new Av1Trap(`avif_row(${slot}, ${ty}) refused its arguments`);
          }
          new Uint8Array(c.memory.buffer, row, rowBytes).set(d.bytes(scratch, rowBytes));
          code = c.pipePushRow(id, row);
        }
        return code === 0 ? c.pipeEndRows(id) : code;
      } finally {
        c.free(row);
      }
    },
  };
}

/** wasm/aom/encode.c: an allocation failed while encoding (libaom may not have unwound from it). */
const AV1E_ERR_MEMORY = -2;

function outOfMemory(d: Av1Instance, what: string): ThumbnailError {
  return new ThumbnailError("OVER_MEMORY_LIMIT", { internal: `avif encoder: ${what} needed more than the ${Math.round(d.maxBytes / 2 ** 20)} MB reserved for it` });
}

/**
 * Runs `call` into the AV1 module. A trap there is libaom unwinding from an internal error (setjmp.h
 * traps): after a failed allocation (encode.c notes every one) the request gets the 413 a reservation
 * too small for it means; otherwise it is a bug. Neither leaves as a WebAssembly.RuntimeError, which
 * would read as the image core's own trap (core.ts coreTrapped) and drop a healthy core; the core's
 * own calls stay outside, so its traps still read as its own.
 */
function inAv1<T>(d: Av1Instance, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    throw outOfMemoryFlagged(d) ? outOfMemory(d, "libaom") : new Av1Trap(`avif encoder trapped: ${error.message}`);
  }
}

/** Reads encode.c's one static flag: safe in an instance that trapped, which is dropped afterwards anyway. */
function outOfMemoryFlagged(d: Av1Instance): boolean {
  try {
    return d.exports.av1e_out_of_memory() === 1;
  } catch {
    return false;
  }
}

/** Whether any pixel of an RGBA frame in `memory` is not opaque. */
function hasAlpha(memory: ArrayBuffer, frame: CoreFrame): boolean {
  const bytes = new Uint8Array(memory, frame.ptr, frame.byteLength);
  for (let i = 3; i < bytes.length; i += 4) if (bytes[i] !== 255) return true;
  return false;
}

/**
 * Converts `frame` (in `core`'s memory) into `d`'s planes two rows at a time; whether it has alpha.
 * The caller frees the frame afterwards, before libaom runs, so the core's copy and libaom's working
 * memory never coexist with a third one.
 */
export function avifPlanes(d: Av1Instance, core: ImageCore, frame: CoreFrame): boolean {
  const x = d.exports;
  const { width, height } = frame;
  const rowBytes = width * 4;
  const alpha = hasAlpha(core.exports.memory.buffer, frame);
  const rows = inAv1(d, () => x.av1e_begin(width, height, alpha ? 1 : 0));
  if (rows === 0) throw outOfMemory(d, `the planes of a ${width}x${height} picture`);
  for (let y = 0; y < height; y += 2) {
    const n = Math.min(2, height - y);
    d.bytes(rows, n * rowBytes).set(new Uint8Array(core.exports.memory.buffer, frame.ptr + y * rowBytes, n * rowBytes));
    if (inAv1(d, () => x.av1e_rows(y, n)) !== 0) throw new Av1Trap(`av1e_rows(${y}, ${n}) refused its arguments`);
  }
  return alpha;
}

/** Encodes the planes avifPlanes put in `d` (`width`×`height`, with alpha or not) as an AVIF file. */
export function encodeAvif(d: Av1Instance, width: number, height: number, alpha: boolean, quality: number): Uint8Array {
  const x = d.exports;
  const quantizer = avifQuantizer(quality);
  const picture = (plane: number) => {
    const what = plane ? "alpha" : "colour";
    const size = inAv1(d, () => x.av1e_encode(plane, quantizer, AVIF_SPEED));
    if (size === AV1E_ERR_MEMORY) throw outOfMemory(d, `libaom encoding the ${what} picture`);
    if (size <= 0) throw new Error(`avif: libaom could not encode the ${what} picture (${size})`);
    return d.bytes(x.av1e_output(), size).slice();
  };
  const color = picture(0);
  const file = writeAvif({ width, height, color, ...(alpha ? { alpha: picture(1) } : {}) });
  x.av1e_end();
  return file;
}

/**
 * AV1 instances by size (budget.ts gives small ones a size class, so they can be shared). What is kept
 * idle is bounded like the core's: one instance of at most `AV1_KEEP_BYTES`, so a large AVIF's memory
 * goes back to the isolate after it. Before an instance is kept, the pictures and the encoder's
 * buffers a request left in it are freed.
 */
export class Av1Pool extends SizedPool<Av1Instance> {
  constructor(options: { readonly keepBytes: number } = { keepBytes: AV1_KEEP_BYTES }) {
    super({
      maxIdle: 1,
      keepBytes: options.keepBytes,
      create: (size) => instantiateAv1(size),
      maxBytes: (d) => d.maxBytes,
      memoryBytes: (d) => d.memory.buffer.byteLength,
      reset: (d) => {
        d.exports.avif_release();
        d.exports.av1e_end();
      },
    });
  }

  /** An idle instance whose memory maximum is `bytes` (to the page, at least the module's initial memory), or a new one. */
  override acquire(bytes: number): Promise<Av1Instance> {
    return super.acquire(Math.max(AV1_INITIAL_BYTES, Math.ceil(bytes / PAGE) * PAGE));
  }
}

export const av1Pool = new Av1Pool();

/** Whether an error leaves the instance unusable (a trap, not a refusal it reported). */
export function av1Trapped(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || error instanceof Av1Trap;
}
