import { describe, expect, it } from "vitest";
import { avifOutputBound, estimateCost, peakBytes } from "../../src/pipeline/budget";
import type { ImageInfo } from "../../src/pipeline/probe";
import { jpegScale, planGeometry } from "../../src/pipeline/geometry";
import { parseSize, parseThumbnailPath } from "../../src/url";

const plan = (w: number, h: number, size: string, method: "crop" | "scale" | "smart", upscale = false) =>
  planGeometry(w, h, parseSize(size, 4096), method, upscale);

describe("planGeometry", () => {
  it("crop covers the box, then crops to it", () => {
    expect(plan(500, 342, "100x100", "crop")).toEqual({ resizeWidth: 146, resizeHeight: 100, width: 100, height: 100 });
  });
  it("scale fits inside and never enlarges unless UPSCALE", () => {
    expect(plan(500, 342, "100x100", "scale")).toEqual({ resizeWidth: 100, resizeHeight: 68, width: 100, height: 68 });
    expect(plan(500, 342, "1000x", "scale")).toMatchObject({ width: 500, height: 342 });
    expect(plan(500, 342, "1000x", "scale", true)).toMatchObject({ width: 1000, height: 684 });
  });
  it("the deciding side is exact whatever the rounding", () => {
    expect(plan(333, 500, "x67", "scale")).toMatchObject({ height: 67 });
    expect(plan(7, 3, "1x", "crop")).toMatchObject({ width: 1, height: 1 });
  });
});

describe("jpegScale picks the largest DCT reduction leaving 2× the target (3× at 1/8)", () => {
  it.each([
    [5995, 4000, 300, 200, 4],
    [5995, 4000, 200, 133, 8],
    [6000, 4000, 400, 267, 4],
    [4000, 3000, 300, 225, 4],
    [2725, 2225, 300, 245, 4],
    [2725, 2225, 368, 300, 2],
    [5995, 4000, 1200, 801, 2],
    [8660, 5774, 2048, 1366, 2],
    [2725, 2225, 1000, 817, 1],
    [500, 342, 100, 68, 2],
    [500, 342, 200, 137, 1],
    [500, 342, 50, 34, 4],
  ])("%ix%i → %ix%i: 1/%i", (w, h, tw, th, denom) => {
    expect(jpegScale(w, h, tw, th)).toBe(denom);
  });
});

describe("estimateCost: what a thumbnail holds, from the header and the plan", () => {
  const MB = 2 ** 20;
  const BUDGET = 64 * MB;
  const jpeg = (width: number, height: number, buffered = false): ImageInfo => ({
    format: "jpeg",
    width,
    height,
    orientation: 1,
    progressive: buffered,
    jpeg: { buffered, blocks: Math.ceil(width / 16) * Math.ceil(height / 16) * 6, mcuRows: 16 },
  });
  const cost = (info: ImageInfo, size: string, method: "crop" | "scale" | "smart", ext = "jpg", bytes = 1e6) =>
    estimateCost(info, plan(info.width, info.height, size, method), parseThumbnailPath(`x/${size}/${method}/${"0".repeat(32)}.${ext}`, 4096), bytes, BUDGET, 60);

  it("a 24 MP JPEG for a 300 px thumbnail decodes at 1/4 in a few MB: rows stream, nothing source-sized is held", () => {
    const c = cost(jpeg(5995, 4000), "300x300", "crop");
    expect(c).toMatchObject({ denom: 4, rows: { width: 1499, height: 1000 }, otherBytes: 0 });
    expect(c.coreBytes).toBeLessThan(8 * MB);
  });
  it("a baseline JPEG's cost does not depend on its height, a progressive one's does (coefficients)", () => {
    const tall = cost(jpeg(2000, 20000), "2000x", "scale").coreBytes - cost(jpeg(2000, 2000), "2000x", "scale").coreBytes;
    // The output grows with the height (the JPEG encoder's share), the decode does not.
    expect(cost(jpeg(2000, 20000, true), "2000x", "scale").coreBytes - cost(jpeg(2000, 2000, true), "2000x", "scale").coreBytes).toBeGreaterThan(tall + 18000 * 2000 * 2);
  });
  it("a progressive 50 MP JPEG at 2048 px stays within one request's memory", () => {
    expect(peakBytes(cost(jpeg(8660, 5774, true), "2048x", "scale"))).toBeLessThan(BUDGET);
  });
  it("reduces a JPEG further rather than refuse, as long as the target is still covered", () => {
    const c = cost(jpeg(8000, 8000, true), "1000x", "scale");
    expect(c.denom).toBeGreaterThan(2);
    expect(c.rows.width).toBeGreaterThanOrEqual(1000);
  });
  it("orientation 5–8 compares the transposed target", () => {
    const info = { ...jpeg(4000, 6000), orientation: 6 };
    expect(estimateCost(info, plan(6000, 4000, "600x400", "crop"), parseThumbnailPath(`x/600x400/crop/${"0".repeat(32)}.jpg`, 4096), 1e6, BUDGET, 60).denom).toBe(4);
  });
  it("a sequential PNG streams; an Adam7 PNG holds its frame", () => {
    const png = (interlaced: boolean): ImageInfo => ({ format: "png", width: 4000, height: 3000, orientation: 1, interlaced });
    expect(cost(png(false), "300x300", "crop").coreBytes).toBeLessThan(6 * MB);
    expect(cost(png(true), "300x300", "crop").coreBytes).toBeGreaterThan(4000 * 3000 * 4);
  });
  it("a GIF holds one byte per pixel of its first frame", () => {
    const gif: ImageInfo = { format: "gif", width: 4000, height: 3000, orientation: 1 };
    const c = cost(gif, "300x300", "crop");
    expect(c.coreBytes).toBeGreaterThan(4000 * 3000);
    expect(c.coreBytes).toBeLessThan(4000 * 3000 * 2);
  });
  it("the AVIF encoder is counted outside the core, at 20 bytes per output pixel: 1200×800 fits, 1600² smart does not", () => {
    const big = cost(jpeg(5995, 4000), "1600x1600", "smart", "avif");
    expect(big.av1Bytes).toBeGreaterThanOrEqual(1600 * 1600 * 20);
    // Besides the instance, the pictures copied out of it and the file: twice the largest AVIF (noise).
    expect(big.otherBytes).toBe(big.av1Bytes + 2 * avifOutputBound(1600 * 1600, 60));
    expect(peakBytes(big)).toBeGreaterThan(BUDGET);
    expect(peakBytes(cost(jpeg(5995, 4000), "1200x800", "crop", "avif"))).toBeLessThanOrEqual(BUDGET);
  });
});
