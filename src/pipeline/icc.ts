/**
 * An embedded ICC profile's transform to sRGB, as a grid the image core interpolates
 * (wasm/assembly/pipe/colour.ts). Little CMS (wasm/build/lcms2.wasm, wasm/lcms/icc.c) samples it
 * in an instance of its own, made for that one grid and dropped at once: lcms never sees a pixel, and
 * its memory (imported, with the maximum the cost model reserved: `lcmsBytes`) comes back as soon as
 * the grid is copied out. Grids are cached per isolate by the profile's hash, within CACHE_BYTES, so
 * a profile costs lcms once per isolate; a profile whose transform is the identity (sRGB itself, in
 * any of its versions) is remembered as such and costs nothing after that.
 */
import lcmsModule from "../../wasm/build/lcms2.wasm";
import { GRID_SIZE, gridBytes, LCMS_BASE_BYTES, lcmsBytes, MAX_PROFILE_BYTES, type Channels } from "./budget";

const PAGE = 65536;

/** The transform from a profile to sRGB, sampled: `size` nodes per axis, each 4 × u16 (R, G, B, 0, ×256). */
export interface ColourGrid {
  readonly channels: Channels;
  readonly size: number;
  readonly nodes: Uint16Array;
}

/**
 * The largest deviation from the identity, in 8-bit steps at any node, still treated as the identity:
 * sRGB profiles as written by different vendors differ from lcms's by up to 1.43 levels at the most
 * saturated corners (their colorants rounded otherwise), which no one can see, but converting them
 * would cost every sRGB-tagged photo a colour stage.
 */
const IDENTITY_TOLERANCE = 1.5;

/** Grids kept per isolate: a handful of profiles (an RGB grid is 281 KB, a CMYK one 653 KB). */
const CACHE_BYTES = 2 * 2 ** 20;

/** Least recently used first; `null`: the identity, or a profile that does not apply. */
const cache = new Map<string, ColourGrid | null>();
let cachedBytes = 0;
const pending = new Map<string, Promise<ColourGrid | null>>();

/** A 64-bit hash of the profile (two 32-bit lanes): a cache key, not a security boundary. */
function hashKey(bytes: Uint8Array, channels: Channels): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const words = Math.floor(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) {
    const w = view.getUint32(i * 4, true);
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x5bd1e995) ^ w;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ (bytes[i] ?? 0), 0x01000193);
    b = Math.imul(b ^ (bytes[i] ?? 0), 0x5bd1e995);
  }
  return `${channels}:${bytes.length}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

function remember(key: string, grid: ColourGrid | null): void {
  const bytes = grid?.nodes.byteLength ?? 0;
  if (bytes > CACHE_BYTES) return;
  cache.set(key, grid);
  cachedBytes += bytes;
  for (const [old, value] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(old);
    cachedBytes -= value?.nodes.byteLength ?? 0;
  }
}

/** Whether every node maps to itself, within IDENTITY_TOLERANCE: nothing to do. */
function isIdentity(grid: ColourGrid): boolean {
  const { nodes, size, channels } = grid;
  const step = 255 / (size - 1);
  const count = size ** channels;
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < 3; c++) {
      // Grey: every channel is the input value; RGB: axis c's coordinate (R slowest).
      const coordinate = channels === 1 ? i : Math.floor(i / size ** (2 - c)) % size;
      if (Math.abs((nodes[i * 4 + c] ?? 0) / 256 - coordinate * step) > IDENTITY_TOLERANCE) return false;
    }
  }
  return true;
}

/** What Little CMS's wrapper may call of WASI: nothing it needs (files, clocks) works; EBADF. */
const EBADF = 8;
const wasi = new Proxy(
  {},
  {
    get(_target, name) {
      if (name === "proc_exit") {
        return () => {
          throw new Error("lcms2: exited");
        };
      }
      return () => EBADF;
    },
  },
);

interface LcmsExports {
  _initialize(): void;
  icc_alloc(size: number): number;
  icc_grid(profile: number, length: number, channels: number, grid: number, out: number): number;
}

/** Samples the transform in a fresh lcms instance, dropped on return. Null: lcms refused the profile. */
async function sample(profile: Uint8Array, channels: Channels): Promise<ColourGrid | null> {
  const size = GRID_SIZE[channels];
  const pages = Math.ceil(lcmsBytes(profile.byteLength, channels) / PAGE);
  const memory = new WebAssembly.Memory({ initial: LCMS_BASE_BYTES / PAGE, maximum: pages });
  const instance = await WebAssembly.instantiate(lcmsModule, { env: { memory }, wasi_snapshot_preview1: wasi });
  const x = instance.exports as unknown as LcmsExports;
  x._initialize();
  const input = x.icc_alloc(profile.byteLength);
  const out = x.icc_alloc(gridBytes(channels));
  if (input === 0 || out === 0) return null;
  new Uint8Array(memory.buffer, input, profile.byteLength).set(profile);
  if (x.icc_grid(input, profile.byteLength, channels, size, out) !== 0) return null;
  const nodes = new Uint16Array(memory.buffer.slice(out, out + gridBytes(channels)));
  return { channels, size, nodes };
}

/**
 * The grid that converts pixels described by `profile` to sRGB; null when there is nothing to do:
 * the profile is sRGB (or any other identity), or it does not apply (unreadable, another colour
 * space than the pixels', too large), in which case the pixels pass as they are, as sharp passes
 * them with its "Invalid embedded profile" warning.
 */
export async function colourGrid(profile: Uint8Array, channels: Channels): Promise<ColourGrid | null> {
  if (profile.byteLength < 132 || profile.byteLength > MAX_PROFILE_BYTES) return null;
  const key = hashKey(profile, channels);
  if (cache.has(key)) {
    const grid = cache.get(key) ?? null;
    cache.delete(key);
    cache.set(key, grid);
    return grid;
  }
  let running = pending.get(key);
  if (!running) {
    running = sample(profile, channels)
      .catch(() => null)
      .then((grid) => {
        const result = grid && channels !== 4 && isIdentity(grid) ? null : grid;
        remember(key, result);
        return result;
      })
      .finally(() => pending.delete(key));
    pending.set(key, running);
  }
  return running;
}

/** Tests: forget every grid (the next use of each profile runs lcms again). */
export function clearColourCache(): void {
  cache.clear();
  cachedBytes = 0;
}
