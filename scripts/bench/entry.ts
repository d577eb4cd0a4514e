// What the benchmark runs: the Worker's own pipeline, bundled for Node with the same wasm modules.
import decodeJpeg, { init as initJpegDecode } from "@jsquash/jpeg/decode.js";
import encodeJpeg, { init as initJpegEncode } from "@jsquash/jpeg/encode.js";
import jpegDecWasm from "@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";
import jpegEncWasm from "@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm";
import coreModule from "../../wasm/build/core.wasm";
import { parseConfig } from "../../src/config";
import type { Config } from "../../src/config";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { CorePool } from "../../src/pipeline/pool";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { parseThumbnailPath, type ThumbnailRequest } from "../../src/url";

export { generateThumbnail, parseConfig, parseThumbnailPath, prepareThumbnail };

let decoderReady: Promise<unknown> | undefined;
let encoderReady: Promise<unknown> | undefined;

/** mozjpeg, for the plain-jSquash reference pipeline (the service itself does not use it). */
export const mozjpeg = {
  async decode(bytes: ArrayBuffer) {
    await (decoderReady ??= initJpegDecode(jpegDecWasm));
    return decodeJpeg(bytes);
  },
  async encode(image: { data: Uint8ClampedArray; width: number; height: number }, quality: number) {
    await (encoderReady ??= initJpegEncode(jpegEncWasm));
    return encodeJpeg(image as unknown as Parameters<typeof encodeJpeg>[0], { quality });
  },
};
let shared: Promise<ImageCore> | undefined;
/** One growable core reused by every call: the pipeline's own cost, without instance churn. */
export const core = () => (shared ??= instantiateCore(coreModule));
/** A fresh core with exactly `maxBytes` of memory, as the cost model reserves it. */
export const reservedCore = (maxBytes: number) => instantiateCore(coreModule, maxBytes);
export const corePool = new CorePool(coreModule);

/** A thumbnail as the Worker makes it: the model's cost, a core of that size class from the pool. */
export async function workerThumbnail(request: ThumbnailRequest, config: Readonly<Config>, bytes: Uint8Array) {
  const prepared = prepareThumbnail(request, config, bytes);
  return corePool.use(prepared.cost.coreBytes, (c) => generateThumbnail(request, config, c, bytes, undefined, prepared));
}
export { codecPools, encoders } from "../../src/pipeline/codecs";
