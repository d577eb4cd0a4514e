/**
 * The cost model (src/pipeline/budget.ts) against the real core: each request gets a core whose
 * memory is exactly what the model reserved, and must still produce its thumbnail; a core given less
 * than it needs stops with a 422 (never a trap or a 500), and the next request is unaffected.
 */
import { describe, expect, it } from "vitest";
import coreModule from "../../wasm/build/core.wasm";
import { parseConfig } from "../../src/config";
import { ThumbnailError } from "../../src/errors";
import { instantiateCore } from "../../src/pipeline/core";
import { generateThumbnail, prepareThumbnail } from "../../src/pipeline/index";
import { parseThumbnailPath } from "../../src/url";
import avif from "../fixtures/pitm.avif?bytes";
import gif from "../fixtures/Crash_test.gif?bytes";
import kitten from "../fixtures/kitten.jpg?bytes";
import l5 from "../fixtures/Landscape_5.jpg?bytes";
import l6 from "../fixtures/Landscape_6.jpg?bytes";
import photo from "../fixtures/2569067123_aca715a2ee_o.jpg?bytes";
import png6 from "../fixtures/big-6mp.png?bytes";
import png9 from "../fixtures/big-9mp.png?bytes";
import progressive from "../fixtures/photo-6mp-progressive.jpg?bytes";
import webp from "../fixtures/4.webp?bytes";
import webpAlpha from "../fixtures/fuzz/alpha.webp?bytes";
import webpLossless from "../fixtures/fuzz/lossless.webp?bytes";
import { decodeImage } from "./helpers";

const config = parseConfig({ THUMBS_SECRET: "test" });
const request = (size: string, method: string, ext: string) => parseThumbnailPath(`x/${size}/${method}/${"0".repeat(32)}${ext}`, 4096);

const cases: Array<[name: string, bytes: ArrayBuffer, size: string, method: string, ext: string]> = [
  ["kitten 4× up", kitten, "2000x2000", "crop", ".jpg"],
  ["6 MP photo, 2× srcset", photo, "1400x", "scale", ".jpg"],
  ["6 MP photo to WebP", photo, "1200x", "scale", ".webp"],
  ["6 MP progressive", progressive, "1200x", "scale", ".jpg"],
  ["6 MP progressive, smart", progressive, "300x300", "smart", ".jpg"],
  ["6 MP PNG", png6, "1200x", "scale", ".jpg"],
  ["9 MP PNG to PNG", png9, "1200x", "scale", ".png"],
  ["GIF, smart", gif, "400x400", "smart", ".jpg"],
  ["EXIF 6, smart", l6, "300x200", "smart", ".jpg"],
  ["EXIF 5, crop to PNG", l5, "200x200", "crop", ".png"],
  ["AVIF to WebP", avif, "200x", "scale", ".webp"],
  // The WebP decoder's own instance gets exactly its reservation too (cost.decoderBytes).
  ["WebP, scaled by libwebp", webp, "200x", "scale", ".jpg"],
  ["WebP, smart to PNG", webp, "300x300", "smart", ".png"],
  ["WebP with alpha, enlarged", webpAlpha, "400x", "crop", ".webp"],
  ["lossless WebP", webpLossless, "40x40", "crop", ".jpg"],
];

describe("a core with exactly the reserved memory makes the thumbnail, and again (as a pooled core must)", () => {
  it.each(cases)("%s", async (_name, bytes, size, method, ext) => {
    const source = new Uint8Array(bytes);
    const r = request(size, method, ext);
    const prepared = prepareThumbnail(r, config, source);
    const core = await instantiateCore(coreModule, prepared.cost.coreBytes);
    expect(core.maxBytes).toBeLessThanOrEqual(prepared.cost.coreBytes + 65536);
    // Nothing a request leaves behind may split the heap the next one gets.
    for (let run = 0; run < 2; run++) {
      const thumbnail = await generateThumbnail(r, config, core, source, undefined, prepared);
      const image = await decodeImage(thumbnail.bytes.slice().buffer);
      expect([image.width, image.height]).toEqual([prepared.plan.width, prepared.plan.height]);
    }
  });
});

describe("a core given less than it needs", () => {
  it("stops with 422 SOURCE_UNDECODABLE, and the next request is unaffected", async () => {
    const source = new Uint8Array(progressive);
    const r = request("1200x", "scale", ".jpg");
    const prepared = prepareThumbnail(r, config, source);
    const small = await instantiateCore(coreModule, 4 * 2 ** 20);
    const error = await generateThumbnail(r, config, small, source, undefined, prepared).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThumbnailError);
    expect((error as ThumbnailError).code).toBe("SOURCE_UNDECODABLE");
    expect((error as ThumbnailError).status).toBe(422);
    const core = await instantiateCore(coreModule, prepared.cost.coreBytes);
    const thumbnail = await generateThumbnail(r, config, core, source, undefined, prepared);
    const image = await decodeImage(thumbnail.bytes.slice().buffer);
    expect([image.width, image.height]).toEqual([1200, 980]);
  });
});
