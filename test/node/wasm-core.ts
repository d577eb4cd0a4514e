import { expect } from "vitest";
import { readFileSync } from "node:fs";
import { instantiateCore } from "../../src/pipeline/core";

/** The image core's exports, instantiated the way the Worker does it (src/pipeline/core.ts). */
export async function coreExports<T>(): Promise<T> {
  const module = new WebAssembly.Module(readFileSync(new URL("../../wasm/build/core.wasm", import.meta.url)));
  return (await instantiateCore(module)).exports as unknown as T;
}

/**
 * Element i, which must exist (noUncheckedIndexedAccess): fails loudly on an out-of-range index
 * instead of letting undefined/NaN into a PSNR.
 */
export function at(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${a.length})`);
  return v;
}

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface CoreMemory {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  free(ptr: number): void;
}

/** Copies bytes into the core; the caller frees the pointer. */
export function putBytes(core: CoreMemory, bytes: Uint8Array): number {
  const ptr = core.alloc(Math.max(bytes.length, 1));
  new Uint8Array(core.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

export interface CoreDecoder {
  decode(ptr: number, len: number): number;
  error(): number;
  width(): number;
  height(): number;
}

/**
 * Runs one of the core's decoders: the image (copied out, buffers freed) or its error code. With
 * `len` < bytes.length only a prefix is passed while all of `bytes` sits in memory, so a read past
 * the end would show.
 */
export function runDecoder(core: CoreMemory, decoder: CoreDecoder, bytes: Uint8Array, len = bytes.length): RgbaImage | number {
  const ptr = putBytes(core, bytes);
  const out = decoder.decode(ptr, len);
  core.free(ptr);
  if (out === 0) return decoder.error();
  const width = decoder.width();
  const height = decoder.height();
  const data = new Uint8Array(core.memory.buffer, out, width * height * 4).slice();
  core.free(out);
  return { width, height, data };
}

/**
 * `decode` (image, or a negative error code with the decoder's error getter at 0 on success) and
 * `decodeOk` (the image, or a thrown error) for one of the core's decoders; `decoder` is called
 * per decode because the core is only instantiated in `beforeAll`.
 */
export function checkedDecoder(core: () => CoreMemory, decoder: () => CoreDecoder) {
  const decode = (bytes: Uint8Array, len = bytes.length): RgbaImage | number => {
    const d = decoder();
    const r = runDecoder(core(), d, bytes, len);
    if (typeof r === "number") expect(r).toBeLessThan(0);
    else expect(d.error()).toBe(0);
    return r;
  };
  const decodeOk = (bytes: Uint8Array, len = bytes.length): RgbaImage => {
    const r = decode(bytes, len);
    if (typeof r === "number") throw new Error(`decode failed: ${r}`);
    return r;
  };
  return { decode, decodeOk };
}
