// HEIC/HEIF sources (HEVC in ISOBMFF, the iPhone's default) are refused with their own 415 before any
// pixel is read; AVIF, which shares HEIF's structural brands, must still reach the AVIF probe.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config";
import { ThumbnailError } from "../../src/errors";
import { inspectSource } from "../../src/pipeline/index";
import { probe } from "../../src/pipeline/probe";
import { heifHeader } from "../heif";

const config = parseConfig({ THUMBS_SECRET: "test" });

describe("HEIC/HEIF sources", () => {
  it.each([
    ["an iPhone HEIC (heic, mif1)", ["heic", "mif1", "heic"], "hvc1"],
    ["a HEIF whose only brands are structural (mif1, miaf) over an hvc1 item", ["mif1", "mif1", "miaf"], "hvc1"],
    ["an hev1 item", ["mif1", "mif1"], "hev1"],
    ["heix (10-bit) with no item in the header read", ["heix", "mif1", "heix"], "none"],
    ["an HEVC image sequence (hevc, msf1)", ["msf1", "msf1", "hevc"], "none"],
  ])("%s: 415 UNSUPPORTED_HEIC", (_name, brands, item) => {
    const header = heifHeader(brands, item);
    expect(probe(header)).toEqual({ kind: "heic" });
    let error: unknown;
    try {
      inspectSource(header, config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThumbnailError);
    expect(error).toMatchObject({ code: "UNSUPPORTED_HEIC", status: 415 });
    expect((error as ThumbnailError).publicMessage).toMatch(/convert them/);
  });

  it("an av01 item is AVIF even under HEIF's brands (and a heic brand): the AVIF probe reads it", () => {
    // The crafted header is no complete AVIF: the AVIF probe's own verdict, not the HEIC refusal.
    const avifVerdict = { kind: "corrupt", reason: expect.stringMatching(/^avif: /) as unknown };
    expect(probe(heifHeader(["mif1", "mif1", "heic"], "av01"))).toEqual(avifVerdict);
    expect(probe(heifHeader(["avif", "mif1", "miaf"], "none"))).toEqual(avifVerdict);
  });

  it("a real AVIF still probes as AVIF", () => {
    const avif = new Uint8Array(readFileSync(new URL("../fixtures/pitm.avif", import.meta.url)));
    const probed = probe(avif);
    expect(probed.kind).toBe("image");
    if (probed.kind === "image") expect(probed.info.format).toBe("avif");
  });

  it("other ISOBMFF files (an MP4 video) are not images", () => {
    expect(probe(heifHeader(["isom", "isom", "mp41"], "none"))).toEqual({ kind: "unsupported" });
  });
});
