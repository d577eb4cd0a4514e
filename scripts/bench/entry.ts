// What the benchmark runs: the Worker's own pipeline, bundled for Node with the same wasm modules.
import decodeJpeg, { init as initJpegDecode } from "@jsquash/jpeg/decode.js";
import encodeJpeg, { init as initJpegEncode } from "@jsquash/jpeg/encode.js";
import jpegDecWasm from "@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";
import jpegEncWasm from "@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm";
import coreModule from "../../wasm/build/core.wasm";
import { parseConfig } from "../../src/config";
import { instantiateCore } from "../../src/pipeline/core";
import { generateThumbnail } from "../../src/pipeline/index";
import { parseThumbnailPath } from "../../src/url";

export { generateThumbnail, parseConfig, parseThumbnailPath };

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
export const core = () => instantiateCore(coreModule);
export { codecPools, encoders } from "../../src/pipeline/codecs";
