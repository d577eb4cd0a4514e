/**
 * WebP sources: libwebp's decoder in its own WebAssembly instance (wasm/webp/decode.c, built from
 * wasm/vendor/libwebp by `npm run build:webp`), scaling while it decodes and handing its RGBA rows
 * one at a time; each row is copied into a row buffer in the image core and pushed into the core's
 * pipeline (pipeBeginRows / pipePushRow / pipeEndRows). Neither instance holds an image-sized RGBA
 * frame (a lossless WebP's decoder holds its ARGB frame: budget.ts counts it).
 *
 * One instance per request, made with the request's reservation for it as its memory's maximum
 * (libwebp fails with out-of-memory past it, never the isolate) and dropped when the request is done
 * with its source, so its memory goes back whatever the image was. Instantiating the compiled module
 * takes well under a millisecond.
 */
import webpModule from "../../wasm/build/webp.wasm";
import type { ImageCore } from "./core";
import type { Size } from "./rows";

interface WebpExports {
  webp_alloc(size: number): number;
  webp_decode(ptr: number, size: number, width: number, height: number, outWidth: number, outHeight: number): number;
}

const PAGE = 65536;
/** The module's own minimum memory: its static data and 128 KiB stack (wasm/webp.build.mjs). */
const MIN_PAGES = 3;

/** webp_decode's results (wasm/webp/decode.c). */
export const WEBP_ERRORS: Readonly<Record<number, string>> = {
  [-1]: "corrupt WebP data",
  [-2]: "unsupported WebP feature",
  [-3]: "the WebP decoder reached its memory reservation",
  [-4]: "WebP data ends early (truncated)",
  [-6]: "the WebP image is not the size its header declares",
};
export const WEBP_MISMATCH = -6;
/** Arguments the planner computed that the decoder refuses: a bug, not the source's fault. */
export const WEBP_ARGUMENT = -7;

interface Instance {
  readonly memory: WebAssembly.Memory;
  readonly exports: WebpExports;
}

export class WebpDecoder {
  #instance: Instance | null;
  #onRow: (ptr: number) => number = () => 1;
  readonly #input: number;
  readonly #length: number;

  /** A new instance holding a copy of `bytes`, its memory at most `maxBytes`. */
  constructor(bytes: Uint8Array, maxBytes: number) {
    const maximum = Math.max(MIN_PAGES, Math.ceil(maxBytes / PAGE));
    const memory = new WebAssembly.Memory({ initial: MIN_PAGES, maximum });
    const instance = new WebAssembly.Instance(webpModule, {
      env: { memory, webp_row: (ptr: number) => this.#onRow(ptr) },
    });
    const exports = instance.exports as unknown as WebpExports;
    this.#instance = { memory, exports };
    this.#length = bytes.byteLength;
    this.#input = exports.webp_alloc(Math.max(1, bytes.byteLength));
    if (this.#input === 0) throw new RangeError(`webp: ${bytes.byteLength} bytes do not fit a ${maxBytes}-byte decoder`);
    new Uint8Array(memory.buffer, this.#input, bytes.byteLength).set(bytes);
  }

  /** Drops the instance: nothing here references its memory any more, whoever still holds this object. */
  release(): void {
    this.#instance = null;
  }

  /**
   * Decodes the first frame (an animation's on its `canvas`) at `rows` and pushes every row into the
   * core's pipeline `id`: 0, the core's error code, or a WebP one (WEBP_ERRORS).
   */
  pushRows(core: ImageCore, id: number, canvas: Size, rows: Size): number {
    const webp = this.#instance;
    if (!webp) throw new Error("webp: decoder used after release");
    const x = core.exports;
    const rowBytes = rows.width * 4;
    const row = x.alloc(rowBytes);
    try {
      let code = x.pipeBeginRows(id, rows.width, rows.height);
      if (code !== 0) return code;
      this.#onRow = (ptr) => {
        new Uint8Array(x.memory.buffer, row, rowBytes).set(new Uint8Array(webp.memory.buffer, ptr, rowBytes));
        code = x.pipePushRow(id, row);
        return code === 0 ? 0 : 1;
      };
      const status = webp.exports.webp_decode(this.#input, this.#length, canvas.width, canvas.height, rows.width, rows.height);
      if (code !== 0) return code;
      if (status !== 0) return status;
      return x.pipeEndRows(id);
    } finally {
      this.#onRow = () => 1;
      x.free(row);
    }
  }
}
