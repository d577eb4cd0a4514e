/**
 * jSquash's WebP encoder, in an instance pool (pool.ts): each use takes an instance of its own, so
 * concurrent requests never share a heap, and an instance whose memory grew on a large image is
 * dropped afterwards instead of holding that memory for the isolate's lifetime. Sources are decoded
 * elsewhere (the image core, libwebp in webp.ts, dav1d in av1.ts): jSquash's decoders return a whole
 * RGBA frame. AVIF is encoded by libaom in the AV1 module (av1.ts). The instance is made from the
 * compiled module only when first needed.
 *
 * jSquash's own `init`/`encode` keep the last initialised instance in a module variable (shared by
 * every request, never freed), so the emscripten factories are called here directly, as jSquash's
 * `initEmscriptenModule` does.
 */
import { defaultOptions as webpDefaults } from "@jsquash/webp/meta.js";
import { initEmscriptenModule } from "@jsquash/webp/utils.js";
import webpEncFactory from "@jsquash/webp/codec/enc/webp_enc_simd.js";
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
};

function encoded(format: string, bytes: Uint8Array | null): ArrayBuffer {
  if (!bytes) throw new Error(`${format}: encoder returned nothing`);
  return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

export const encoders = {
  webp(p: Pixels, quality: number): Promise<ArrayBuffer> {
    // method 2 (of 0–6): half the time of the default 4 at +3% size, -0.3 dB (300×300, README).
    const options = { ...webpDefaults, quality, method: 2 };
    return codecPools.webpEncode.use((m) => encoded("webp", m.encode(p.data, p.width, p.height, options)));
  },
};
