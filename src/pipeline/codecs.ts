/**
 * jSquash's WebP and AVIF encoders, one instance pool per codec (pool.ts): each use takes an instance
 * of its own, so concurrent requests never share a heap, and an instance whose memory grew on a large
 * image is dropped afterwards instead of holding that memory for the isolate's lifetime. Sources are
 * decoded elsewhere (the image core, libwebp in webp.ts, dav1d in av1.ts): jSquash's decoders return a
 * whole RGBA frame. Instances are made from the compiled modules only when first needed: the AVIF
 * encoder's 16 MB are never paid for by sites that do not ask for AVIF.
 *
 * jSquash's own `init`/`encode` keep the last initialised instance in a module variable (shared by
 * every request, never freed), so the emscripten factories are called here directly, as jSquash's
 * `initEmscriptenModule` does.
 */
import { defaultOptions as avifDefaults } from "@jsquash/avif/meta.js";
import avifEncFactory from "@jsquash/avif/codec/enc/avif_enc.js";
import { defaultOptions as webpDefaults } from "@jsquash/webp/meta.js";
import { initEmscriptenModule } from "@jsquash/webp/utils.js";
import webpEncFactory from "@jsquash/webp/codec/enc/webp_enc_simd.js";
import avifEncWasm from "@jsquash/avif/codec/enc/avif_enc.wasm";
import webpEncWasm from "@jsquash/webp/codec/enc/webp_enc_simd.wasm";
import { InstancePool } from "./pool";

export interface Pixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  readonly width: number;
  readonly height: number;
}

/**
 * jSquash's glue defines `globalThis.ImageData` (absent in Workers) from inside the first codec
 * instance's closure, and that class then keeps the instance and all of its memory alive for the
 * isolate's lifetime (measured: a 75 MB AVIF encoder never collected). Defined here first, outside
 * any instance, every dropped instance can be collected.
 */
class PixelData implements Pixels {
  constructor(
    readonly data: Uint8ClampedArray<ArrayBuffer>,
    readonly width: number,
    readonly height: number,
  ) {}
}
(globalThis as { ImageData?: unknown }).ImageData ??= PixelData;

/** What every emscripten module exposes: its heap view, replaced whenever the memory grows. */
interface Emscripten {
  readonly HEAP8: Int8Array;
}

interface Encoder extends Emscripten {
  encode(data: BufferSource, width: number, height: number, options: object): Uint8Array | null;
}

function emscriptenPool<M extends Emscripten>(factory: unknown, wasm: WebAssembly.Module): InstancePool<M> {
  return new InstancePool<M>({
    create: async () => (await initEmscriptenModule(factory as Parameters<typeof initEmscriptenModule>[0], wasm)) as unknown as M,
    memoryBytes: (module) => module.HEAP8.buffer.byteLength,
  });
}

/** Per isolate; attached to the memory ledger, which counts and reclaims their idle instances. */
export const codecPools = {
  webpEncode: emscriptenPool<Encoder>(webpEncFactory, webpEncWasm),
  avifEncode: emscriptenPool<Encoder>(avifEncFactory, avifEncWasm),
};

function encoded(format: string, bytes: Uint8Array | null): ArrayBuffer {
  if (!bytes) throw new Error(`${format}: encoder returned nothing`);
  return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

const rgba = (p: Pixels) => new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength);

export const encoders = {
  webp(p: Pixels, quality: number): Promise<ArrayBuffer> {
    // method 2 (of 0–6): half the time of the default 4 at +3% size, -0.3 dB (300×300, README).
    const options = { ...webpDefaults, quality, method: 2 };
    return codecPools.webpEncode.use((m) => encoded("webp", m.encode(p.data, p.width, p.height, options)));
  },
  avif(p: Pixels, quality: number): Promise<ArrayBuffer> {
    // speed 8 (of 0–10): 91 ms for 300×300 where 6 takes 303 ms; 10 takes 26 ms but is 9% larger.
    // A thumbnail is encoded once and served many times, so size wins over the last milliseconds.
    const options = { ...avifDefaults, quality, speed: 8 };
    return codecPools.avifEncode.use((m) => encoded("avif", m.encode(rgba(p), p.width, p.height, options)));
  },
};
