import { readFileSync } from "node:fs";
import { loadCore } from "../../src/pipeline/core";

/** The image core's exports, instantiated the way the Worker does it (src/pipeline/core.ts). */
export async function coreExports<T>(): Promise<T> {
  const module = new WebAssembly.Module(readFileSync(new URL("../../wasm/build/core.wasm", import.meta.url)));
  return (await loadCore(module)).exports as unknown as T;
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
