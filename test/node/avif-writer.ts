// Writes AVIF files box by box, for what sharp cannot make: rotated or mirrored images (irot, imir)
// and grids of tiles. The AV1 data and its av1C come from files sharp encoded.
import { parseAvif } from "../../src/pipeline/avif";
import { ascii as enc, box, fullBox, u16, u32 } from "../../src/pipeline/avif-writer";
import { concat } from "../../src/bytes";


export { box, fullBox };

export const ispe = (width: number, height: number) => fullBox("ispe", 0, 0, u32(width), u32(height));
export const irot = (angle: number) => box("irot", [angle & 3]);
export const imir = (axis: number) => box("imir", [axis & 1]);

/** The first box of `type` in a file, whole (a property to copy, such as av1C or colr). */
export function findBox(file: Uint8Array, type: string): Uint8Array {
  const at = Buffer.from(file).indexOf(type) - 4;
  if (at < 0) throw new Error(`no ${type} box`);
  const size = ((file[at] ?? 0) << 24) | ((file[at + 1] ?? 0) << 16) | ((file[at + 2] ?? 0) << 8) | (file[at + 3] ?? 0);
  return file.slice(at, at + size);
}

/** The AV1 data of a single-image AVIF's primary item. */
export function av1Data(file: Uint8Array): Uint8Array {
  const tile = parseAvif(file).color.tiles[0];
  if (!tile) throw new Error("no AV1 item");
  return tile.slice();
}

export interface ItemSpec {
  readonly id: number;
  readonly type: "av01" | "grid";
  readonly data: Uint8Array;
  readonly properties: readonly Uint8Array[];
  readonly hidden?: boolean;
}

export interface FileSpec {
  readonly primary: number;
  readonly items: readonly ItemSpec[];
  readonly refs?: ReadonlyArray<{ readonly type: string; readonly from: number; readonly to: readonly number[] }>;
}

function meta(spec: FileSpec, offsets: readonly number[]): Uint8Array {
  const hdlr = fullBox("hdlr", 0, 0, u32(0), enc("pict"), new Uint8Array(12), [0]);
  const pitm = fullBox("pitm", 0, 0, u16(spec.primary));
  const iloc = fullBox(
    "iloc",
    0,
    0,
    [0x44, 0x00],
    u16(spec.items.length),
    ...spec.items.map((item, i) => [...u16(item.id), ...u16(0), ...u16(1), ...u32(offsets[i] ?? 0), ...u32(item.data.length)]),
  );
  const iinf = fullBox(
    "iinf",
    0,
    0,
    u16(spec.items.length),
    ...spec.items.map((item) => fullBox("infe", 2, item.hidden ? 1 : 0, u16(item.id), u16(0), enc(item.type), [0])),
  );
  const properties: Uint8Array[] = [];
  const associations: number[][] = [];
  for (const item of spec.items) {
    const indices: number[] = [];
    for (const p of item.properties) {
      properties.push(p);
      indices.push(properties.length);
    }
    associations.push([...u16(item.id), indices.length, ...indices.map((i) => 0x80 | i)]);
  }
  const iprp = box("iprp", box("ipco", ...properties), fullBox("ipma", 0, 0, u32(spec.items.length), ...associations));
  const refs = spec.refs ?? [];
  const iref = refs.length ? [fullBox("iref", 0, 0, ...refs.map((r) => box(r.type, u16(r.from), u16(r.to.length), ...r.to.map(u16))))] : [];
  return fullBox("meta", 0, 0, hdlr, pitm, iloc, iinf, ...iref, iprp);
}

export function writeAvif(spec: FileSpec): Uint8Array {
  const ftyp = box("ftyp", enc("avif"), u32(0), enc("avifmif1miaf"));
  const size = meta(spec, []).length;
  let at = ftyp.length + size + 8;
  const offsets = spec.items.map((item) => {
    const offset = at;
    at += item.data.length;
    return offset;
  });
  return concat(ftyp, meta(spec, offsets), box("mdat", ...spec.items.map((item) => item.data)));
}

/** A single AV1 image from a sharp AVIF, with extra properties (irot, imir) on it. */
export function withProperties(file: Uint8Array, extra: readonly Uint8Array[]): Uint8Array {
  const { width, height } = parseAvif(file).color;
  return writeAvif({
    primary: 1,
    items: [{ id: 1, type: "av01", data: av1Data(file), properties: [findBox(file, "av1C"), ispe(width, height), ...extra] }],
  });
}

/** A grid image: `tiles` (sharp AVIFs of equal size, row by row) in `columns`, cropped to width×height. */
export function grid(tiles: readonly Uint8Array[], columns: number, width: number, height: number): Uint8Array {
  const rows = tiles.length / columns;
  const items: ItemSpec[] = tiles.map((file, i) => {
    const { width: w, height: h } = parseAvif(file).color;
    return { id: i + 2, type: "av01", data: av1Data(file), properties: [findBox(file, "av1C"), ispe(w, h)], hidden: true };
  });
  const description = new Uint8Array([0, 0, rows - 1, columns - 1, ...u16(width), ...u16(height)]);
  return writeAvif({
    primary: 1,
    items: [{ id: 1, type: "grid", data: description, properties: [ispe(width, height)] }, ...items],
    refs: [{ type: "dimg", from: 1, to: items.map((i) => i.id) }],
  });
}

/**
 * An image sequence (`avis`) without a still item: one `pict` track whose samples are the AV1 data
 * of `frames` (sharp AVIFs of equal size), one chunk, in order.
 */
export function sequence(frames: readonly Uint8Array[]): Uint8Array {
  const first = frames[0];
  if (!first) throw new Error("no frames");
  const { width, height } = parseAvif(first).color;
  const samples = frames.map(av1Data);
  const entry = box(
    "av01",
    new Uint8Array(6),
    u16(1),
    new Uint8Array(16),
    u16(width),
    u16(height),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1),
    new Uint8Array(32),
    u16(24),
    [0xff, 0xff],
    findBox(first, "av1C"),
  );
  const stbl = (offset: number) =>
    box(
      "stbl",
      fullBox("stsd", 0, 0, u32(1), entry),
      fullBox("stts", 0, 0, u32(1), u32(samples.length), u32(1)),
      fullBox("stsc", 0, 0, u32(1), u32(1), u32(samples.length), u32(1)),
      fullBox("stsz", 0, 0, u32(0), u32(samples.length), ...samples.map((s) => u32(s.length))),
      fullBox("stco", 0, 0, u32(1), u32(offset)),
    );
  const moov = (offset: number) =>
    box(
      "moov",
      fullBox("mvhd", 0, 0, new Uint8Array(96)),
      box(
        "trak",
        fullBox("tkhd", 0, 3, new Uint8Array(72), u32(width << 16), u32(height << 16)),
        box("mdia", fullBox("mdhd", 0, 0, new Uint8Array(20)), fullBox("hdlr", 0, 0, u32(0), enc("pict"), new Uint8Array(12), [0]), box("minf", stbl(offset))),
      ),
    );
  const ftyp = box("ftyp", enc("avis"), u32(0), enc("avisavifmsf1iso8mif1miaf"));
  const offset = ftyp.length + moov(0).length + 8;
  return concat(ftyp, moov(offset), box("mdat", ...samples));
}
