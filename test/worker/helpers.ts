import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../../src/index";
import decodeJpeg, { init as initJpegDecode } from "@jsquash/jpeg/decode.js";
import jpegDecWasm from "@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";
import decodeAvif, { init as initAvifDecode } from "@jsquash/avif/decode.js";
import avifDecWasm from "@jsquash/avif/codec/dec/avif_dec.wasm";
import decodePng, { init as initPng } from "@jsquash/png/decode.js";
import encodePngRgba from "@jsquash/png/encode.js";
import pngWasm from "@jsquash/png/codec/pkg/squoosh_png_bg.wasm?module";
import { initEmscriptenModule } from "@jsquash/webp/utils.js";
import webpDecFactory from "@jsquash/webp/codec/dec/webp_dec.js";
import webpDecWasm from "@jsquash/webp/codec/dec/webp_dec.wasm";
import type { Pixels } from "../../src/pipeline/codecs";
import { signV1 } from "../../src/signature";
import { encodeSourcePath } from "../../src/url";

export const SECRET = env.THUMBS_SECRET;

export async function seed(key: string, bytes: ArrayBuffer | Uint8Array | string): Promise<void> {
  await env.SOURCES.put(key, bytes);
}

export async function signedPath(source: string, size: string, method: string, ext: string, secret = SECRET): Promise<string> {
  const signature = await signV1(secret, { source, size, method, ext });
  return `/${encodeSourcePath(source)}/${size}/${method}/${signature}${ext}`;
}

export function get(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`https://thumbs.example.com${path}`, init));
}

export async function getThumb(source: string, size: string, method: string, ext: string): Promise<Response> {
  return get(await signedPath(source, size, method, ext));
}

const MAGIC: Array<[string, (b: Uint8Array) => boolean]> = [
  ["jpeg", (b) => b[0] === 0xff && b[1] === 0xd8],
  ["png", (b) => b[0] === 0x89 && b[1] === 0x50],
  ["webp", (b) => String.fromCharCode(...b.subarray(8, 12)) === "WEBP"],
  ["avif", (b) => String.fromCharCode(...b.subarray(4, 12)) === "ftypavif"],
];

let mozjpeg: Promise<void> | undefined;
let webpDecoder: Promise<{ decode(data: BufferSource): Pixels | null }> | undefined;
let libavif: Promise<void> | undefined;

/**
 * Sniffs the format from the bytes (not from headers) and decodes it with jSquash: JPEG by mozjpeg,
 * PNG by squoosh's png, WebP by jSquash's libwebp build and AVIF by libavif, independently of the
 * image core and the WebP (wasm/build/webp.wasm) and dav1d modules that read them in the service.
 */
export async function decodeImage(bytes: ArrayBuffer): Promise<Pixels & { format: string }> {
  const b = new Uint8Array(bytes);
  const format = MAGIC.find(([, test]) => test(b))?.[0];
  if (!format) throw new Error("not an image this test can decode");
  let pixels: Pixels;
  if (format === "jpeg") {
    mozjpeg ??= initJpegDecode(jpegDecWasm);
    await mozjpeg;
    pixels = await decodeJpeg(bytes);
  } else if (format === "png") {
    await initPng(pngWasm);
    pixels = await decodePng(bytes);
  } else if (format === "webp") {
    webpDecoder ??= initEmscriptenModule(webpDecFactory as Parameters<typeof initEmscriptenModule>[0], webpDecWasm) as unknown as typeof webpDecoder;
    const decoded = (await webpDecoder)?.decode(bytes);
    if (!decoded) throw new Error("webp: jSquash's decoder returned nothing");
    pixels = decoded;
  } else {
    // jSquash's typings take only options, its code a compiled module first (as in the Worker).
    libavif ??= (initAvifDecode as (module: WebAssembly.Module) => Promise<void>)(avifDecWasm);
    await libavif;
    pixels = (await decodeAvif(bytes)) as Pixels;
  }
  return { format, width: pixels.width, height: pixels.height, data: pixels.data };
}

/** An RGBA PNG made outside the service (squoosh's encoder), to seed as a source. */
export async function pngSource(pixels: Pixels): Promise<ArrayBuffer> {
  await initPng(pngWasm);
  // jSquash reads only data, width and height (its ImageData type is the DOM's, absent here).
  return encodePngRgba(pixels as Parameters<typeof encodePngRgba>[0]);
}

/** PSNR in dB over RGBA; Infinity when identical. */
export function psnr(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = (a.data[i] ?? 0) - (b.data[i] ?? 0);
    sum += d * d;
  }
  const mse = sum / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** Mean RGBA of a rectangle, for colour checks. */
export function meanColour(p: Pixels, x0 = 0, y0 = 0, w = p.width, h = p.height): [number, number, number, number] {
  const sum = [0, 0, 0, 0];
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      for (let c = 0; c < 4; c++) sum[c] = (sum[c] ?? 0) + (p.data[(y * p.width + x) * 4 + c] ?? 0);
    }
  }
  return sum.map((s) => s / (w * h)) as [number, number, number, number];
}

/** Keys in THUMBS (under `prefix`): storage is shared by the tests of one file. */
export async function storedKeys(prefix = ""): Promise<string[]> {
  const list = await env.THUMBS.list({ prefix });
  return list.objects.map((o) => o.key);
}

/** Runs the worker with extra settings, as `wrangler.toml` [vars] would set them. */
export async function withSettings(settings: Record<string, string>, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://thumbs.example.com${path}`, init), { ...env, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
