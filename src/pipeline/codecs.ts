/**
 * jSquash codecs, one instance pool per codec (pool.ts): each use takes an instance of its own, so
 * concurrent requests never share a heap, and an instance whose memory grew on a large image is
 * dropped afterwards instead of holding that memory for the isolate's lifetime. AVIF is decoded by
 * dav1d (av1.ts), not here: jSquash's decoder returns a whole RGBA frame. Instances are made
 * from the compiled modules only when first needed: the AVIF encoder's 16 MB are never paid for by
 * sites that do not ask for AVIF.
 *
 * jSquash's own `init`/`decode`/`encode` keep the last initialised instance in a module variable
 * (shared by every request, never freed), so the emscripten factories are called here directly, as
 * jSquash's `initEmscriptenModule` does; the PNG encoder's wasm-bindgen glue cannot be
 * re-initialised at all, so it has the few lines of glue below instead.
 */
import { defaultOptions as avifDefaults } from "@jsquash/avif/meta.js";
import avifEncFactory from "@jsquash/avif/codec/enc/avif_enc.js";
import { defaultOptions as webpDefaults } from "@jsquash/webp/meta.js";
import { initEmscriptenModule } from "@jsquash/webp/utils.js";
import webpDecFactory from "@jsquash/webp/codec/dec/webp_dec.js";
import webpEncFactory from "@jsquash/webp/codec/enc/webp_enc_simd.js";
import avifEncWasm from "@jsquash/avif/codec/enc/avif_enc.wasm";
import pngWasm from "@jsquash/png/codec/pkg/squoosh_png_bg.wasm?module";
import webpDecWasm from "@jsquash/webp/codec/dec/webp_dec.wasm";
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

interface Decoder extends Emscripten {
  decode(data: BufferSource, bitDepth?: number): Pixels | null;
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

interface PngExports {
  readonly memory: WebAssembly.Memory;
  encode(retptr: number, ptr: number, len: number, width: number, height: number, bitDepth: number): void;
  __wbindgen_add_to_stack_pointer(delta: number): number;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
}

/**
 * squoosh's PNG encoder (Rust, wasm-bindgen). Encoding calls no import but `__wbindgen_throw`
 * (a Rust panic); the others serve its decoder, which the service does not use (the core decodes PNG).
 */
function instantiatePngEncoder(): PngExports {
  const wbg = Object.fromEntries(
    WebAssembly.Module.imports(pngWasm).map(({ name }) => [
      name,
      name === "__wbindgen_throw"
        ? (ptr: number, len: number) => {
            throw new Error(`png encoder: ${new TextDecoder().decode(new Uint8Array(exports.memory.buffer, ptr, len))}`);
          }
        : () => {
            throw new Error(`png encoder: unexpected call to ${name}`);
          },
    ]),
  );
  // Only called from inside `encode`, once `exports` is set.
  const exports = new WebAssembly.Instance(pngWasm, { wbg }).exports as unknown as PngExports;
  return exports;
}

function pngEncode(png: PngExports, p: Pixels): ArrayBuffer {
  const retptr = png.__wbindgen_add_to_stack_pointer(-16);
  try {
    const length = p.data.byteLength;
    const input = png.__wbindgen_malloc(length, 1) >>> 0;
    new Uint8Array(png.memory.buffer, input, length).set(p.data);
    png.encode(retptr, input, length, p.width, p.height, 8);
    const [ptr = 0, size = 0] = new Int32Array(png.memory.buffer, retptr, 2);
    const out = new Uint8Array(png.memory.buffer, ptr >>> 0, size).slice();
    png.__wbindgen_free(ptr, size, 1);
    return out.buffer;
  } finally {
    png.__wbindgen_add_to_stack_pointer(16);
  }
}

/** Per isolate; attached to the memory ledger, which counts and reclaims their idle instances. */
export const codecPools = {
  webpDecode: emscriptenPool<Decoder>(webpDecFactory, webpDecWasm),
  webpEncode: emscriptenPool<Encoder>(webpEncFactory, webpEncWasm),
  avifEncode: emscriptenPool<Encoder>(avifEncFactory, avifEncWasm),
  pngEncode: new InstancePool<PngExports>({
    create: async () => instantiatePngEncoder(),
    memoryBytes: (png) => png.memory.buffer.byteLength,
    // It starts at 1.06 MB: one that grew on a large image (17 bytes per pixel) is not kept.
    keepBytes: 2 * 1024 * 1024,
  }),
};

function decoded(format: string, image: Pixels | null): Pixels {
  if (!image) throw new Error(`${format}: decoder returned nothing`);
  return image;
}

function encoded(format: string, bytes: Uint8Array | null): ArrayBuffer {
  if (!bytes) throw new Error(`${format}: encoder returned nothing`);
  return bytes.buffer.byteLength === bytes.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

const rgba = (p: Pixels) => new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength);

export const decoders = {
  webp(bytes: ArrayBuffer): Promise<Pixels> {
    return codecPools.webpDecode.use((m) => decoded("webp", m.decode(bytes)));
  },
};

export const encoders = {
  png(p: Pixels): Promise<ArrayBuffer> {
    return codecPools.pngEncode.use((png) => pngEncode(png, p));
  },
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
