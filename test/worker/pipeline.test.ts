/**
 * What comes out of the pipeline, end to end through the worker: decoded back and compared with
 * references made by sharp (scripts/make-references.mjs) by PSNR, never by bytes.
 */
import { describe, expect, it } from "vitest";
import cmyk from "../fixtures/Channel_digital_image_CMYK_color.jpg?bytes";
import grey16 from "../fixtures/16-bit-grey-alpha.png?bytes";
import bird from "../fixtures/embedgravitybird.png?bytes";
import grey from "../fixtures/gamma_dalai_lama_gray.jpg?bytes";
import kitten from "../fixtures/kitten.jpg?bytes";
import l1 from "../fixtures/Landscape_1.jpg?bytes";
import l2 from "../fixtures/Landscape_2.jpg?bytes";
import l3 from "../fixtures/Landscape_3.jpg?bytes";
import l4 from "../fixtures/Landscape_4.jpg?bytes";
import l5 from "../fixtures/Landscape_5.jpg?bytes";
import l6 from "../fixtures/Landscape_6.jpg?bytes";
import l7 from "../fixtures/Landscape_7.jpg?bytes";
import l8 from "../fixtures/Landscape_8.jpg?bytes";
import avif from "../fixtures/pitm.avif?bytes";
import gif from "../fixtures/Crash_test.gif?bytes";
import screenshot from "../fixtures/screenshot-text.png?bytes";
import refGif from "../fixtures/references/gif-200x-scale.png?bytes";
import refAvif from "../fixtures/references/avif-200x-scale.png?bytes";
import refBird from "../fixtures/references/bird-150x100-scale.png?bytes";
import refCmyk from "../fixtures/references/cmyk-100x-scale.png?bytes";
import refGrey16Flat from "../fixtures/references/grey16-50x-scale-flat.png?bytes";
import refGrey16 from "../fixtures/references/grey16-50x-scale.png?bytes";
import refKittenCrop from "../fixtures/references/kitten-100x100-crop.png?bytes";
import refKittenScale from "../fixtures/references/kitten-200x-scale.png?bytes";
import refLandscape from "../fixtures/references/landscape-120x90-scale.png?bytes";
import refWebp from "../fixtures/references/webp-200x-scale.png?bytes";
import webp from "../fixtures/4.webp?bytes";
import { decodeImage, getThumb, meanColour, pngSource, psnr, seed, signedPath, withSettings } from "./helpers";

async function thumb(source: string, size: string, method: string, ext: string) {
  const response = await getThumb(source, size, method, ext);
  expect(response.status, await response.clone().text().then((t) => t.slice(0, 200))).toBe(200);
  return { response, image: await decodeImage(await response.arrayBuffer()) };
}

describe("geometry of each method and size form (kitten 500x342)", () => {
  const cases: Array<[size: string, method: string, width: number, height: number]> = [
    ["100x100", "crop", 100, 100],
    ["100x100", "smart", 100, 100],
    ["100x100", "scale", 100, 68],
    ["200x50", "crop", 200, 50],
    ["200x50", "scale", 73, 50],
    ["100x", "crop", 100, 68],
    ["100x0", "crop", 100, 68],
    ["x100", "smart", 146, 100],
    ["0x100", "scale", 146, 100],
    ["250x", "scale", 250, 171],
    // scale never enlarges without UPSCALE; crop and smart always fill their box.
    ["1000x1000", "scale", 500, 342],
    ["1000x1000", "crop", 1000, 1000],
    ["600x", "smart", 600, 410],
  ];
  it.each(cases)("%s %s → %ix%i", async (size, method, width, height) => {
    await seed("kitten.jpg", kitten);
    const { image } = await thumb("kitten.jpg", size, method, ".png");
    expect([image.width, image.height]).toEqual([width, height]);
  });

  it("crop matches sharp's cover crop", async () => {
    await seed("kitten.jpg", kitten);
    const { image } = await thumb("kitten.jpg", "100x100", "crop", ".png");
    expect(psnr(image, await decodeImage(refKittenCrop))).toBeGreaterThan(30);
  });

  it("scale matches sharp's fit-inside resize (Lanczos3, no aliasing)", async () => {
    await seed("kitten.jpg", kitten);
    const { image } = await thumb("kitten.jpg", "200x", "scale", ".png");
    expect(psnr(image, await decodeImage(refKittenScale))).toBeGreaterThan(33);
  });

  it("smart keeps the busier side where crop keeps the centre", async () => {
    // Left half flat grey, right half a fine checkerboard: smart must keep the right edge.
    const w = 400;
    const h = 100;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = x < w / 2 ? 128 : ((x >> 1) + (y >> 1)) % 2 ? 255 : 0;
        data.set([v, v, v, 255], (y * w + x) * 4);
      }
    }
    await seed("halves.png", await pngSource({ data, width: w, height: h }));
    const smart = (await thumb("halves.png", "100x100", "smart", ".png")).image;
    const crop = (await thumb("halves.png", "100x100", "crop", ".png")).image;
    const contrast = (p: typeof smart) => {
      let n = 0;
      for (let i = 4; i < p.data.length; i += 4) n += Math.abs((p.data[i] ?? 0) - (p.data[i - 4] ?? 0));
      return n / (p.data.length / 4);
    };
    expect(contrast(smart)).toBeGreaterThan(50);
    expect(contrast(crop)).toBeLessThan(contrast(smart));
  });
});

describe("every output format decodes back", () => {
  it.each([
    [".jpg", "jpeg", "image/jpeg"],
    [".jpeg", "jpeg", "image/jpeg"],
    [".png", "png", "image/png"],
    [".webp", "webp", "image/webp"],
    [".avif", "avif", "image/avif"],
  ])("%s", async (ext, format, contentType) => {
    await seed("kitten.jpg", kitten);
    const { response, image } = await thumb("kitten.jpg", "100x100", "crop", ext);
    expect(response.headers.get("Content-Type")).toBe(contentType);
    expect(image.format).toBe(format);
    expect([image.width, image.height]).toEqual([100, 100]);
    // Lossy encoders at their default quality stay close to the lossless reference.
    expect(psnr(image, await decodeImage(refKittenCrop))).toBeGreaterThan(28);
  });
});

describe("PNG output in workerd (its own CompressionStream)", () => {
  /** The filter type byte of every row of an 8-bit RGB PNG, from its inflated IDAT data. */
  async function rowFilters(png: Uint8Array): Promise<number[]> {
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const idat: Uint8Array[] = [];
    for (let o = 8; o + 8 <= png.length; o += 12 + view.getUint32(o)) {
      if (String.fromCharCode(...png.subarray(o + 4, o + 8)) === "IDAT") idat.push(png.slice(o + 8, o + 8 + view.getUint32(o)));
    }
    const rows = new Uint8Array(await new Response(new Blob(idat).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer());
    const stride = view.getUint32(16) * 3 + 1;
    return Array.from({ length: rows.length / stride }, (_, y) => rows[y * stride] ?? -1);
  }

  it("a text screenshot keeps its unfiltered rows (the filtered stream is abandoned once larger)", async () => {
    await seed("shot.png", screenshot);
    const response = await getThumb("shot.png", "640x", "scale", ".png");
    expect(response.status).toBe(200);
    const png = new Uint8Array(await response.arrayBuffer());
    expect([png[24], png[25]]).toEqual([8, 2]); // 8-bit RGB
    expect(new Set(await rowFilters(png))).toEqual(new Set([0]));
    const image = await decodeImage(png.slice().buffer);
    expect([image.width, image.height]).toEqual([640, 400]);
    // The JPEG of the same request comes from the same frame: close, though lossy.
    expect(psnr(image, (await thumb("shot.png", "640x", "scale", ".jpg")).image)).toBeGreaterThan(30);
  });
});

describe("EXIF orientation 1–8 all come out the same way up", () => {
  const sources = [l1, l2, l3, l4, l5, l6, l7, l8];
  it.each(sources.map((bytes, i) => [i + 1, bytes] as const))("Landscape_%i", async (n, bytes) => {
    await seed(`Landscape_${n}.jpg`, bytes);
    const { image } = await thumb(`Landscape_${n}.jpg`, "120x90", "scale", ".png");
    expect([image.width, image.height]).toEqual([120, 90]);
    // Measured with sharp itself: correctly oriented 25–28 dB (each file is its own JPEG
    // encoding), any wrong orientation 10–14 dB.
    expect(psnr(image, await decodeImage(refLandscape))).toBeGreaterThan(20);
  });
});

it("metadata is stripped: a source with EXIF gives a thumbnail without it", async () => {
  await seed("Landscape_6.jpg", l6);
  expect(new TextDecoder("latin1").decode(new Uint8Array(l6))).toContain("Exif\0\0");
  for (const ext of [".jpg", ".webp", ".png"]) {
    const response = await getThumb("Landscape_6.jpg", "60x", "scale", ext);
    const text = new TextDecoder("latin1").decode(new Uint8Array(await response.arrayBuffer()));
    expect(text).not.toContain("Exif");
    expect(text).not.toContain("ICC_PROFILE");
  }
});

describe("colour spaces and bit depths become 8-bit sRGB", () => {
  it("CMYK JPEG", async () => {
    await seed("cmyk.jpg", cmyk);
    const { image } = await thumb("cmyk.jpg", "100x", "scale", ".png");
    expect([image.width, image.height]).toEqual([100, 67]);
    expect(psnr(image, await decodeImage(refCmyk))).toBeGreaterThan(20);
  });

  it("greyscale JPEG", async () => {
    await seed("grey.jpg", grey);
    const { image } = await thumb("grey.jpg", "100x", "scale", ".jpg");
    expect(image.width).toBe(100);
  });

  it("16-bit grey + alpha PNG keeps its alpha in PNG", async () => {
    await seed("g16.png", grey16);
    const { image } = await thumb("g16.png", "50x", "scale", ".png");
    expect(psnr(image, await decodeImage(refGrey16))).toBeGreaterThan(30);
  });

  it("opaque RGBA PNG", async () => {
    await seed("bird.png", bird);
    const { image } = await thumb("bird.png", "150x100", "scale", ".png");
    expect(psnr(image, await decodeImage(refBird))).toBeGreaterThan(30);
  });

  it("alpha is flattened onto white for JPEG output", async () => {
    await seed("g16.png", grey16);
    const { image } = await thumb("g16.png", "50x", "scale", ".jpg");
    expect(psnr(image, await decodeImage(refGrey16Flat))).toBeGreaterThan(28);
  });

  it("BACKGROUND sets the flattening colour; PNG and WebP keep transparency", async () => {
    // Left half opaque blue, right half fully transparent.
    const data = new Uint8ClampedArray(64 * 32 * 4);
    for (let i = 0; i < 64 * 32; i++) if (i % 64 < 32) data.set([0, 0, 255, 255], i * 4);
    await seed("half.png", await pngSource({ data, width: 64, height: 32 }));
    const red = await withSettings({ BACKGROUND: "#ff0000" }, await signedPath("half.png", "32x", "scale", ".jpg"));
    const flat = await decodeImage(await red.arrayBuffer());
    const [lr, , lb] = meanColour(flat, 0, 0, 12, 16);
    const [rr, rg, rb, ra] = meanColour(flat, 20, 0, 12, 16);
    expect(lb).toBeGreaterThan(200);
    expect(lr).toBeLessThan(40);
    expect([rr > 200, rg < 40, rb < 40, ra]).toEqual([true, true, true, 255]);
    for (const ext of [".png", ".webp"]) {
      const kept = (await thumb("half.png", "32x", "scale", ext)).image;
      expect(meanColour(kept, 20, 0, 12, 16)[3]).toBe(0);
      expect(meanColour(kept, 0, 0, 12, 16)[3]).toBe(255);
    }
  });

  it("WebP source", async () => {
    await seed("x.webp", webp);
    const { image } = await thumb("x.webp", "200x", "scale", ".png");
    expect(psnr(image, await decodeImage(refWebp))).toBeGreaterThan(30);
  });

  it("GIF source (first frame)", async () => {
    await seed("x.gif", gif);
    const { image } = await thumb("x.gif", "200x", "scale", ".png");
    expect([image.width, image.height]).toEqual([200, 133]);
    expect(psnr(image, await decodeImage(refGif))).toBeGreaterThan(30);
  });

  it("AVIF source", async () => {
    await seed("x.avif", avif);
    const { image } = await thumb("x.avif", "200x", "scale", ".png");
    expect(psnr(image, await decodeImage(refAvif))).toBeGreaterThan(30);
  });
});
