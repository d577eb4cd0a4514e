import { describe, expect, it } from "vitest";
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
