import { describe, expect, it } from "vitest";
import { DECODE_BUDGET_BYTES, DECODE_BYTES_PER_PIXEL, ENCODE_BYTES_PER_PIXEL, decodeCost } from "../../src/pipeline/budget";
import { jpegScale, planGeometry } from "../../src/pipeline/geometry";
import { parseSize } from "../../src/url";

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

describe("jpegScale picks the largest DCT reduction leaving 2.5× the target", () => {
  it.each([
    [5995, 4000, 300, 200, 8],
    [6000, 4000, 400, 267, 4],
    [4000, 3000, 300, 225, 4],
    [2725, 2225, 300, 245, 2],
    [2725, 2225, 368, 300, 2],
    [2725, 2225, 1000, 817, 1],
    [500, 342, 100, 68, 2],
    [500, 342, 200, 137, 1],
    [500, 342, 50, 34, 4],
  ])("%ix%i → %ix%i: 1/%i", (w, h, tw, th, denom) => {
    expect(jpegScale(w, h, tw, th)).toBe(denom);
  });
});

describe("decodeCost: what a decode holds, checked against the budget before decoding", () => {
  const jpeg = (width: number, height: number, progressive = false) => ({ format: "jpeg" as const, width, height, orientation: 1, progressive });
  it("a 24 MP JPEG for a 300 px thumbnail decodes at 1/4 (1/8 would leave under 2.5x), well within budget", () => {
    const cost = decodeCost(jpeg(5995, 4000), plan(5995, 4000, "300x300", "crop"));
    expect(cost).toMatchObject({ denom: 4, width: 1499, height: 1000 });
    expect(cost.bytes).toBeLessThan(16 * 2 ** 20);
  });
  it("a 50 MP JPEG for a 300 px thumbnail is within budget", () => {
    expect(decodeCost(jpeg(8660, 5774, true), plan(8660, 5774, "300x300", "crop")).bytes).toBeLessThan(DECODE_BUDGET_BYTES);
  });
  it("a 24 MP JPEG at 1200 px: 1/1 is over budget, 1/2 still covers the target", () => {
    const cost = decodeCost(jpeg(5995, 4000), plan(5995, 4000, "1200x", "scale"));
    expect(cost).toMatchObject({ denom: 2, width: 2998, height: 2000 });
    expect(cost.bytes).toBeLessThan(DECODE_BUDGET_BYTES);
  });
  it("a 24 MP JPEG at 2400 px: even 1/2 is over budget (measured 112 MB)", () => {
    expect(decodeCost(jpeg(5995, 4000), plan(5995, 4000, "2400x", "scale")).bytes).toBeGreaterThan(DECODE_BUDGET_BYTES);
  });
  it("a 24 MP JPEG at 4000 px must be decoded whole: over budget", () => {
    const cost = decodeCost(jpeg(5995, 4000), plan(5995, 4000, "4000x", "scale"));
    expect(cost.denom).toBe(1);
    expect(cost.bytes).toBeGreaterThan(DECODE_BUDGET_BYTES);
  });
  it("orientation 5–8 compares the transposed target", () => {
    const info = { ...jpeg(4000, 6000), orientation: 6 };
    expect(decodeCost(info, plan(6000, 4000, "600x400", "crop")).denom).toBe(4);
  });
  it("PNG and GIF decode whole in the core; WebP and AVIF whole through jSquash (dearer)", () => {
    const info = (format: "png" | "webp") => ({ format, width: 2500, height: 2400, orientation: 1 });
    const encode = 10 * 10 * ENCODE_BYTES_PER_PIXEL;
    expect(decodeCost(info("png"), plan(2500, 2400, "10x10", "crop"))).toMatchObject({
      denom: 1,
      bytes: 2500 * 2400 * DECODE_BYTES_PER_PIXEL.core + encode,
    });
    expect(decodeCost(info("webp"), plan(2500, 2400, "10x10", "crop")).bytes).toBe(2500 * 2400 * DECODE_BYTES_PER_PIXEL.whole + encode);
  });
});
