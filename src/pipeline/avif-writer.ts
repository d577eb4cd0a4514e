/**
 * The AVIF container (ISO/IEC 23000-22 MIAF, AV1-ISOBMFF) around the still AV1 pictures libaom writes
 * (av1.ts, wasm/aom/encode.c): one colour item and, when the thumbnail has transparency, an alpha item
 * linked to it as an auxiliary image, with the properties decoders need (ispe, pixi, av1C, colr nclx,
 * auxC). The layout follows libavif's for a still image: ftyp, meta, then one mdat.
 */
import { concat } from "../bytes";
import { av1SequenceHeader, obus, OBU_TEMPORAL_DELIMITER, type SequenceHeader } from "./avif";

export interface AvifImage {
  readonly width: number;
  readonly height: number;
  /** The colour picture's OBUs (8-bit 4:2:0, BT.601 full range, sRGB primaries and transfer). */
  readonly color: Uint8Array;
  /** The alpha plane as a monochrome picture's OBUs, full range. */
  readonly alpha?: Uint8Array;
}

const ALPHA_URN = "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha";

/** Big-endian fields and four-character codes, as boxes hold them. */
export const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const u16 = (v: number) => [(v >>> 8) & 255, v & 255];
export const u32 = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

/** An ISOBMFF box: size, type, payload. */
export function box(type: string, ...payload: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const body = concat(...payload);
  return concat(u32(body.length + 8), ascii(type), body);
}

/** A box with a version and flags (ISO/IEC 14496-12 FullBox). */
export function fullBox(type: string, version: number, flags: number, ...payload: ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  return box(type, [version, (flags >>> 16) & 255, (flags >>> 8) & 255, flags & 255], ...payload);
}

/**
 * The item's data with temporal delimiters removed (AV1-ISOBMFF 2.4: they should not be in samples),
 * and the av1C its sequence header makes.
 */
function av1Item(obuBytes: Uint8Array, what: string): { data: Uint8Array; av1C: Uint8Array; header: SequenceHeader } {
  const kept: Array<{ start: number; end: number }> = [];
  for (const obu of obus(obuBytes, 0, obuBytes.length)) if (obu.type !== OBU_TEMPORAL_DELIMITER) kept.push(obu);
  // libaom's delimiter leads the picture: what follows it is one run, kept as a view rather than copied.
  const contiguous = kept.every((obu, i) => i === 0 || obu.start === kept[i - 1]?.end);
  const data = contiguous
    ? obuBytes.subarray(kept[0]?.start ?? 0, kept.at(-1)?.end ?? 0)
    : concat(...kept.map((obu) => obuBytes.subarray(obu.start, obu.end)));
  const header = av1SequenceHeader(data, 0, data.length);
  if (!header?.color) throw new Error(`avif writer: the ${what} picture has no whole sequence header`);
  const c = header.color;
  const flags =
    (header.tier << 7) |
    (Number(c.highBitdepth) << 6) |
    (Number(c.twelveBit) << 5) |
    (Number(c.monochrome) << 4) |
    (Number(c.subsamplingX) << 3) |
    (Number(c.subsamplingY) << 2) |
    c.chromaSamplePosition;
  const av1C = box("av1C", [0x81, (header.profile << 5) | header.level, flags, 0]);
  return { data, av1C, header };
}

/** ipma entries: property indices (1-based), the high bit set for the essential ones. */
const essential = (index: number) => 0x80 | index;

export function writeAvif(image: AvifImage): Uint8Array {
  const color = av1Item(image.color, "colour");
  const alpha = image.alpha ? av1Item(image.alpha, "alpha") : undefined;
  const items = alpha ? [color, alpha] : [color];

  const ispe = fullBox("ispe", 0, 0, u32(image.width), u32(image.height));
  // BT.709 primaries, sRGB transfer, BT.601 matrix, full range: what encode.c converts to.
  const colr = box("colr", ascii("nclx"), u16(1), u16(13), u16(6), [0x80]);
  const properties = [ispe, fullBox("pixi", 0, 0, [3, 8, 8, 8]), color.av1C, colr];
  const associations = [[1, 2, essential(3), 4]];
  if (alpha) {
    properties.push(fullBox("pixi", 0, 0, [1, 8]), alpha.av1C, fullBox("auxC", 0, 0, ascii(`${ALPHA_URN}\0`)));
    associations.push([1, 5, essential(6), essential(7)]);
  }
  const ipma = fullBox("ipma", 0, 0, u32(associations.length), ...associations.map((list, i) => [...u16(i + 1), list.length, ...list]));
  const names = ["Color", "Alpha"];
  const iinf = fullBox("iinf", 0, 0, u16(items.length), ...items.map((_, i) => fullBox("infe", 2, 0, u16(i + 1), u16(0), ascii(`av01${names[i] ?? ""}\0`))));

  // iloc with 4-byte offsets and lengths: its size does not depend on where mdat lands, so the offsets are filled in last.
  const iloc = (dataStart: number) => {
    let offset = dataStart;
    const entries = items.map((item, i) => {
      const entry = [...u16(i + 1), ...u16(0), ...u16(1), ...u32(offset), ...u32(item.data.length)];
      offset += item.data.length;
      return entry;
    });
    return fullBox("iloc", 0, 0, [0x44, 0x00], u16(items.length), ...entries);
  };

  const meta = (dataStart: number) =>
    fullBox(
      "meta",
      0,
      0,
      fullBox("hdlr", 0, 0, u32(0), ascii("pict"), new Uint8Array(12), [0]),
      fullBox("pitm", 0, 0, u16(1)),
      iloc(dataStart),
      iinf,
      ...(alpha ? [fullBox("iref", 0, 0, box("auxl", u16(2), u16(1), u16(1)))] : []),
      box("iprp", box("ipco", ...properties), ipma),
    );

  // The baseline profile (MA1B) holds up to level 5.1 (idx 13: 8.9 million samples per picture).
  const baseline = items.every((item) => item.header.level <= 13);
  const ftyp = box("ftyp", ascii("avif"), u32(0), ascii(`avifmif1miaf${baseline ? "MA1B" : ""}`));
  const head = ftyp.length + meta(0).length + 8;
  const mdatLength = items.reduce((n, item) => n + item.data.length, 8);
  // One copy of the pictures, into the file itself.
  return concat(ftyp, meta(head), u32(mdatLength), ascii("mdat"), ...items.map((item) => item.data));
}
