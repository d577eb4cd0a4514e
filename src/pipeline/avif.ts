/**
 * The AVIF container (HEIF, ISO/IEC 23008-12, over ISOBMFF, ISO/IEC 14496-12): which AV1 items make
 * the primary image, how they are laid out (one item, or a `grid` of tiles), its alpha auxiliary
 * image, and the properties that change how its pixels are shown (`irot`, `imir`, `colr`). Only
 * headers are read here, never pixel data: the probe uses it to refuse a file before anything is
 * decoded, and av1.ts hands the items' bytes to dav1d.
 *
 * A file whose AV1 sequence header codes frames larger than its item's `ispe` is refused here: the
 * budget reserves memory for what `ispe` declares, and dav1d would otherwise allocate what the
 * stream declares.
 */
import { concat } from "../bytes";

const u16 = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u32 = (b: Uint8Array, o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
const fourcc = (b: Uint8Array, o: number) => String.fromCharCode(b[o] ?? 0, b[o + 1] ?? 0, b[o + 2] ?? 0, b[o + 3] ?? 0);

function uint(b: Uint8Array, o: number, bytes: number): number {
  let v = 0;
  for (let i = 0; i < bytes; i++) v = v * 256 + (b[o + i] ?? 0);
  return v;
}

export class AvifError extends Error {
  override readonly name = "AvifError";
}

export interface Nclx {
  readonly primaries: number;
  readonly transfer: number;
  readonly matrix: number;
  readonly fullRange: boolean;
}

/** What av1C says of the coded pictures (AV1 codec configuration, AV1-ISOBMFF 2.3). */
export interface Av1Config {
  readonly bitDepth: number;
  readonly monochrome: boolean;
  readonly subsamplingX: boolean;
  readonly subsamplingY: boolean;
}

/** One image made of AV1 items: one, or `columns`×`rows` tiles of equal size, cropped to `width`×`height`. */
export interface AvifPicture {
  readonly width: number;
  readonly height: number;
  readonly columns: number;
  readonly rows: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Each tile's AV1 data, row by row (views of the file, or copies when an item is in several extents). */
  readonly tiles: readonly Uint8Array[];
  readonly config: Av1Config;
}

export interface AvifFile {
  readonly color: AvifPicture;
  readonly alpha: AvifPicture | null;
  /** irot/imir as the EXIF orientation that shows the image the same way (1–8). */
  readonly orientation: number;
  readonly nclx: Nclx | null;
  /** The ICC profile of a `colr` box of type `prof` or `rICC` (for a colour-management stage to apply). */
  readonly icc: Uint8Array | null;
}

interface Box {
  readonly type: string;
  readonly body: number;
  readonly end: number;
}

/** The boxes in [start, end); one overrunning it is an error, but at the top level (`clip`) the last one may be cut (mdat). */
function* boxes(b: Uint8Array, start: number, end: number, clip = false): Generator<Box> {
  let o = start;
  while (o + 8 <= end) {
    let size = u32(b, o);
    const type = fourcc(b, o + 4);
    let header = 8;
    if (size === 1) {
      size = uint(b, o + 8, 8);
      header = 16;
    } else if (size === 0) size = end - o;
    if (size < header || (o + size > end && !clip)) throw new AvifError(`box ${JSON.stringify(type)} overruns its parent`);
    yield { type, body: o + header, end: Math.min(end, o + size) };
    o += size;
  }
}

function child(b: Uint8Array, parent: Box, type: string, skip = 0): Box | undefined {
  for (const box of boxes(b, parent.body + skip, parent.end)) if (box.type === type) return box;
  return undefined;
}

interface Extent {
  readonly offset: number;
  readonly length: number;
}

interface Item {
  type: string;
  method: number;
  extents: Extent[];
  properties: number[];
  hidden: boolean;
}

type Property =
  | { readonly kind: "ispe"; readonly width: number; readonly height: number }
  | { readonly kind: "av1C"; readonly config: Av1Config; readonly body: number; readonly end: number }
  | { readonly kind: "colr"; readonly nclx?: Nclx; readonly icc?: Uint8Array }
  | { readonly kind: "irot"; readonly angle: number }
  | { readonly kind: "imir"; readonly axis: number }
  | { readonly kind: "auxC"; readonly urn: string }
  | { readonly kind: "other"; readonly type: string };

function property(b: Uint8Array, box: Box): Property {
  const { body, end } = box;
  switch (box.type) {
    case "ispe":
      return { kind: "ispe", width: u32(b, body + 4), height: u32(b, body + 8) };
    case "av1C": {
      const flags = b[body + 2] ?? 0;
      const high = (flags >> 6) & 1;
      const twelve = (flags >> 5) & 1;
      const config = { bitDepth: high ? (twelve ? 12 : 10) : 8, monochrome: ((flags >> 4) & 1) === 1, subsamplingX: ((flags >> 3) & 1) === 1, subsamplingY: ((flags >> 2) & 1) === 1 };
      return { kind: "av1C", config, body, end };
    }
    case "colr": {
      const type = fourcc(b, body);
      if (type === "nclx") {
        return { kind: "colr", nclx: { primaries: u16(b, body + 4), transfer: u16(b, body + 6), matrix: u16(b, body + 8), fullRange: ((b[body + 10] ?? 0) & 0x80) !== 0 } };
      }
      if (type === "prof" || type === "rICC") return { kind: "colr", icc: b.subarray(body + 4, end) };
      return { kind: "other", type: "colr" };
    }
    case "irot":
      return { kind: "irot", angle: (b[body] ?? 0) & 3 };
    case "imir":
      return { kind: "imir", axis: (b[body] ?? 0) & 1 };
    case "auxC": {
      let o = body + 4;
      while (o < end && b[o] !== 0) o++;
      return { kind: "auxC", urn: String.fromCharCode(...b.subarray(body + 4, o)) };
    }
    default:
      return { kind: "other", type: box.type };
  }
}

function readIloc(b: Uint8Array, box: Box, items: Map<number, Item>): void {
  const version = b[box.body] ?? 0;
  if (version > 2) throw new AvifError(`iloc version ${version}`);
  const sizes = u16(b, box.body + 4);
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 15;
  const baseSize = (sizes >> 4) & 15;
  const indexSize = version > 0 ? sizes & 15 : 0;
  let o = box.body + 6;
  const count = version < 2 ? u16(b, o) : u32(b, o);
  o += version < 2 ? 2 : 4;
  for (let i = 0; i < count; i++) {
    if (o > box.end) throw new AvifError("iloc is cut");
    const id = version < 2 ? u16(b, o) : u32(b, o);
    o += version < 2 ? 2 : 4;
    const method = version > 0 ? u16(b, o) & 15 : 0;
    if (version > 0) o += 2;
    o += 2; // data_reference_index
    const base = uint(b, o, baseSize);
    o += baseSize;
    const extentCount = u16(b, o);
    o += 2;
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e++) {
      o += indexSize;
      extents.push({ offset: base + uint(b, o, offsetSize), length: uint(b, o + offsetSize, lengthSize) });
      o += offsetSize + lengthSize;
    }
    if (o > box.end) throw new AvifError("iloc is cut");
    const item = itemOf(items, id);
    item.method = method;
    item.extents = extents;
  }
}

function itemOf(items: Map<number, Item>, id: number): Item {
  let item = items.get(id);
  if (!item) {
    item = { type: "", method: 0, extents: [], properties: [], hidden: false };
    items.set(id, item);
  }
  return item;
}

interface Meta {
  readonly primary: number;
  readonly items: Map<number, Item>;
  readonly properties: Property[];
  /** iref: reference type → from item → to items, in order. */
  readonly refs: Map<string, Map<number, number[]>>;
  readonly idat: Box | undefined;
}

function readMeta(b: Uint8Array, meta: Box): Meta {
  const items = new Map<number, Item>();
  const properties: Property[] = [];
  const refs = new Map<string, Map<number, number[]>>();
  let primary = -1;
  let idat: Box | undefined;
  for (const box of boxes(b, meta.body + 4, meta.end)) {
    switch (box.type) {
      case "pitm":
        primary = (b[box.body] ?? 0) === 0 ? u16(b, box.body + 4) : u32(b, box.body + 4);
        break;
      case "iloc":
        readIloc(b, box, items);
        break;
      case "idat":
        idat = box;
        break;
      case "iinf": {
        const skip = 4 + ((b[box.body] ?? 0) === 0 ? 2 : 4);
        for (const infe of boxes(b, box.body + skip, box.end)) {
          if (infe.type !== "infe") continue;
          const version = b[infe.body] ?? 0;
          if (version < 2) continue;
          const id = version === 2 ? u16(b, infe.body + 4) : u32(b, infe.body + 4);
          const item = itemOf(items, id);
          item.type = fourcc(b, infe.body + (version === 2 ? 8 : 10));
          item.hidden = ((b[infe.body + 3] ?? 0) & 1) === 1;
        }
        break;
      }
      case "iref": {
        const large = (b[box.body] ?? 0) !== 0;
        const idSize = large ? 4 : 2;
        for (const ref of boxes(b, box.body + 4, box.end)) {
          const from = uint(b, ref.body, idSize);
          const count = u16(b, ref.body + idSize);
          if (ref.body + idSize + 2 + count * idSize > ref.end) throw new AvifError(`iref ${ref.type} is cut`);
          const to: number[] = [];
          for (let i = 0; i < count; i++) to.push(uint(b, ref.body + idSize + 2 + i * idSize, idSize));
          let byType = refs.get(ref.type);
          if (!byType) refs.set(ref.type, (byType = new Map()));
          byType.set(from, to);
        }
        break;
      }
      case "iprp": {
        const ipco = child(b, box, "ipco");
        if (ipco) for (const p of boxes(b, ipco.body, ipco.end)) properties.push(property(b, p));
        for (const ipma of boxes(b, box.body, box.end)) {
          if (ipma.type !== "ipma") continue;
          const version = b[ipma.body] ?? 0;
          const wide = ((b[ipma.body + 3] ?? 0) & 1) === 1;
          let o = ipma.body + 4;
          const count = u32(b, o);
          o += 4;
          for (let i = 0; i < count; i++) {
            const id = version < 1 ? u16(b, o) : u32(b, o);
            o += version < 1 ? 2 : 4;
            const n = b[o++] ?? 0;
            const item = itemOf(items, id);
            for (let j = 0; j < n; j++) {
              const index = wide ? u16(b, o) & 0x7fff : (b[o] ?? 0) & 0x7f;
              o += wide ? 2 : 1;
              if (index > 0) item.properties.push(index - 1);
            }
            if (o > ipma.end) throw new AvifError("ipma is cut");
          }
        }
        break;
      }
    }
  }
  return { primary, items, properties, refs, idat };
}

/** An item's bytes: a view of the file when it is one extent, a copy of its extents joined otherwise. */
function itemData(b: Uint8Array, meta: Meta, item: Item): Uint8Array {
  const source = item.method === 1 && meta.idat ? b.subarray(meta.idat.body, meta.idat.end) : item.method === 0 ? b : undefined;
  if (!source) throw new AvifError(`item construction method ${item.method}`);
  const parts = item.extents.map(({ offset, length }) => {
    const size = length === 0 && item.extents.length === 1 ? source.length - offset : length;
    if (offset + size > source.length || size <= 0) throw new AvifError("an item's data lies outside the file");
    return source.subarray(offset, offset + size);
  });
  if (parts.length === 1) return parts[0] as Uint8Array;
  if (parts.length === 0) throw new AvifError("an item without data");
  return concat(...parts);
}

function propertiesOf<K extends Property["kind"]>(meta: Meta, item: Item, kind: K): Array<Extract<Property, { kind: K }>> {
  const out: Array<Extract<Property, { kind: K }>> = [];
  for (const index of item.properties) {
    const p = meta.properties[index];
    if (p?.kind === kind) out.push(p as Extract<Property, { kind: K }>);
  }
  return out;
}

/** MSB-first bits of a byte range; reading past its end gives undefined. */
class Bits {
  private bit = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {}

  read(n: number): number | undefined {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const at = this.start + (this.bit >> 3);
      if (at >= this.end) return undefined;
      v = v * 2 + (((this.b[at] ?? 0) >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }

  uvlc(): number | undefined {
    let zeros = 0;
    for (;;) {
      const bit = this.read(1);
      if (bit === undefined) return undefined;
      if (bit === 1) break;
      // The value saturates at 32 zeros: a hostile header's megabytes of zeros are not scanned.
      if (++zeros === 32) return 2 ** 32 - 1;
    }
    const value = this.read(zeros);
    return value === undefined ? undefined : value + 2 ** zeros - 1;
  }
}

export interface Frame {
  readonly width: number;
  readonly height: number;
}

/** What an AV1 sequence header says that av1C repeats (AV1-ISOBMFF 2.3), besides the largest frame. */
export interface SequenceHeader {
  readonly maxFrame: Frame;
  readonly profile: number;
  /** seq_level_idx and seq_tier of the first operating point. */
  readonly level: number;
  readonly tier: number;
  /** color_config, when the header is not cut before it. */
  readonly color?: {
    readonly highBitdepth: boolean;
    readonly twelveBit: boolean;
    readonly monochrome: boolean;
    readonly subsamplingX: boolean;
    readonly subsamplingY: boolean;
    readonly chromaSamplePosition: number;
  };
}

/** Each OBU in [start, end) (AV1 spec 5.3, open_bitstream_unit): its type and payload; stops at a cut one. */
export function* obus(b: Uint8Array, start: number, end: number): Generator<{ type: number; start: number; payload: number; end: number }> {
  let o = start;
  while (o < end) {
    const header = b[o] ?? 0;
    const type = (header >> 3) & 15;
    let p = o + 1 + ((header >> 2) & 1);
    let size = end - p;
    if (header & 2) {
      size = 0;
      for (let i = 0; ; i++) {
        if (i === 8 || p >= end) return;
        const byte = b[p++] ?? 0;
        size += (byte & 0x7f) * 2 ** (7 * i);
        if (!(byte & 0x80)) break;
      }
    }
    if (p + size > end) return;
    yield { type, start: o, payload: p, end: p + size };
    o = p + size;
  }
}

export const OBU_SEQUENCE_HEADER = 1;
export const OBU_TEMPORAL_DELIMITER = 2;

/** The first AV1 sequence header OBU in [start, end). Undefined when there is none or it is cut. */
export function av1SequenceHeader(b: Uint8Array, start: number, end: number): SequenceHeader | undefined {
  for (const obu of obus(b, start, end)) if (obu.type === OBU_SEQUENCE_HEADER) return readSequenceHeader(new Bits(b, obu.payload, obu.end));
  return undefined;
}

/**
 * max_frame_width/height of the first sequence header in [start, end): every frame of the stream is
 * at most this size, whatever `ispe` says.
 */
export function av1MaxFrame(b: Uint8Array, start: number, end: number): Frame | undefined {
  return av1SequenceHeader(b, start, end)?.maxFrame;
}

/** sequence_header_obu (AV1 spec 5.5.1) up to and including color_config. */
function readSequenceHeader(r: Bits): SequenceHeader | undefined {
  const profile = r.read(3);
  r.read(1); // still_picture
  const reduced = r.read(1);
  if (reduced === undefined || profile === undefined) return undefined;
  let level = 0;
  let tier = 0;
  if (reduced) level = r.read(5) ?? 0;
  else {
    const timingInfo = r.read(1);
    let decoderModel = 0;
    let bufferDelayLength = 0;
    if (timingInfo) {
      r.read(32); // num_units_in_display_tick
      r.read(32); // time_scale
      if (r.read(1)) r.uvlc(); // equal_picture_interval: num_ticks_per_picture_minus_1
      decoderModel = r.read(1) ?? 0;
      if (decoderModel) {
        bufferDelayLength = (r.read(5) ?? 0) + 1;
        r.read(32); // num_units_in_decoding_tick
        r.read(5); // buffer_removal_time_length_minus_1
        r.read(5); // frame_presentation_time_length_minus_1
      }
    }
    const initialDisplayDelay = r.read(1);
    const operatingPoints = (r.read(5) ?? 0) + 1;
    for (let i = 0; i < operatingPoints; i++) {
      r.read(12); // operating_point_idc
      const opLevel = r.read(5) ?? 0;
      const opTier = opLevel > 7 ? (r.read(1) ?? 0) : 0;
      if (i === 0) {
        level = opLevel;
        tier = opTier;
      }
      if (decoderModel && r.read(1)) {
        r.read(bufferDelayLength); // decoder_buffer_delay
        r.read(bufferDelayLength); // encoder_buffer_delay
        r.read(1); // low_delay_mode_flag
      }
      if (initialDisplayDelay && r.read(1)) r.read(4);
    }
  }
  const widthBits = r.read(4);
  const heightBits = r.read(4);
  if (widthBits === undefined || heightBits === undefined) return undefined;
  const width = r.read(widthBits + 1);
  const height = r.read(heightBits + 1);
  if (width === undefined || height === undefined) return undefined;
  const header = { maxFrame: { width: width + 1, height: height + 1 }, profile, level, tier };
  const color = readColorConfig(r, profile, reduced === 1);
  return color ? { ...header, color } : header;
}

/** From frame_id_numbers_present_flag to the end of color_config (5.5.1, 5.5.2). */
function readColorConfig(r: Bits, profile: number, reduced: boolean): SequenceHeader["color"] {
  if (!reduced && r.read(1)) r.read(7); // frame id lengths
  r.read(3); // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
  if (!reduced) {
    r.read(4); // enable_interintra_compound, enable_masked_compound, enable_warped_motion, enable_dual_filter
    const orderHint = r.read(1);
    if (orderHint) r.read(2); // enable_jnt_comp, enable_ref_frame_mvs
    const screenContent = r.read(1) ? 2 : (r.read(1) ?? 0);
    if (screenContent > 0 && !r.read(1)) r.read(1); // seq_choose_integer_mv, seq_force_integer_mv
    if (orderHint) r.read(3); // order_hint_bits_minus_1
  }
  r.read(3); // enable_superres, enable_cdef, enable_restoration
  const highBitdepth = r.read(1) === 1;
  const twelveBit = profile === 2 && highBitdepth && r.read(1) === 1;
  const monochrome = profile !== 1 && r.read(1) === 1;
  let primaries = 2;
  let transfer = 2;
  let matrix = 2;
  if (r.read(1)) {
    primaries = r.read(8) ?? 2;
    transfer = r.read(8) ?? 2;
    matrix = r.read(8) ?? 2;
  }
  let subsamplingX = true;
  let subsamplingY = true;
  let chromaSamplePosition = 0;
  if (!monochrome) {
    if (primaries === 1 && transfer === 13 && matrix === 0) {
      subsamplingX = subsamplingY = false;
    } else {
      r.read(1); // color_range
      if (profile === 1) subsamplingX = subsamplingY = false;
      else if (profile === 2) {
        subsamplingY = false;
        subsamplingX = twelveBit ? r.read(1) === 1 : true;
        if (twelveBit && subsamplingX) subsamplingY = r.read(1) === 1;
      }
      if (subsamplingX && subsamplingY) chromaSamplePosition = r.read(2) ?? 0;
    }
  }
  const last = r.read(1); // separate_uv_delta_q, or color_range of a monochrome header: the header is whole
  if (last === undefined) return undefined;
  return { highBitdepth, twelveBit, monochrome, subsamplingX, subsamplingY, chromaSamplePosition };
}

/** irot (anticlockwise quarter turns) then imir (0: left–right, 1: top–bottom), as EXIF orientations. */
const ORIENTATION: readonly (readonly [number, number, number])[] = [
  [1, 2, 4],
  [8, 7, 5],
  [3, 4, 2],
  [6, 5, 7],
];

const ALPHA_URNS = new Set(["urn:mpeg:mpegB:cicp:systems:auxiliary:alpha", "urn:mpeg:hevc:2015:auxid:1"]);

/** The item's AV1 data, checked against its `ispe` and `av1C` before any decoding. */
function av1Item(b: Uint8Array, meta: Meta, id: number, what: string): { data: Uint8Array; size: Frame; config: Av1Config } {
  const item = meta.items.get(id);
  if (!item || item.type !== "av01") throw new AvifError(`${what} is not an AV1 item`);
  const ispe = propertiesOf(meta, item, "ispe")[0];
  if (!ispe || ispe.width === 0 || ispe.height === 0) throw new AvifError(`${what} has no ispe property`);
  const av1C = propertiesOf(meta, item, "av1C")[0];
  if (!av1C) throw new AvifError(`${what} has no av1C property`);
  const data = itemData(b, meta, item);
  // libavif repeats the sequence header in av1C's configOBUs; the data's own is the one dav1d reads.
  for (const frame of [av1C.end - av1C.body > 4 ? av1MaxFrame(b, av1C.body + 4, av1C.end) : null, av1MaxFrame(data, 0, data.length)]) {
    if (frame === null) continue;
    if (!frame) throw new AvifError(`${what} has no readable AV1 sequence header`);
    if (frame.width > ispe.width || frame.height > ispe.height) {
      throw new AvifError(`${what} codes frames up to ${frame.width}x${frame.height} under an ispe of ${ispe.width}x${ispe.height}`);
    }
  }
  return { data, size: ispe, config: av1C.config };
}

function picture(b: Uint8Array, meta: Meta, id: number, what: string): AvifPicture {
  const item = meta.items.get(id);
  if (item?.type === "grid") {
    const data = itemData(b, meta, item);
    const large = ((data[1] ?? 0) & 1) === 1;
    if (data.length < (large ? 12 : 8)) throw new AvifError(`${what}: grid description is cut`);
    const rows = (data[2] ?? 0) + 1;
    const columns = (data[3] ?? 0) + 1;
    const width = large ? u32(data, 4) : u16(data, 4);
    const height = large ? u32(data, 8) : u16(data, 6);
    const ids = meta.refs.get("dimg")?.get(id) ?? [];
    if (ids.length !== rows * columns) throw new AvifError(`${what}: a ${columns}x${rows} grid with ${ids.length} tiles`);
    const tiles = ids.map((tile, i) => av1Item(b, meta, tile, `${what} tile ${i}`));
    const first = tiles[0];
    if (!first) throw new AvifError(`${what}: empty grid`);
    for (const t of tiles) {
      if (t.size.width !== first.size.width || t.size.height !== first.size.height) throw new AvifError(`${what}: grid tiles of different sizes`);
      const c = t.config;
      if (c.bitDepth !== first.config.bitDepth || c.monochrome !== first.config.monochrome || c.subsamplingX !== first.config.subsamplingX || c.subsamplingY !== first.config.subsamplingY) {
        throw new AvifError(`${what}: grid tiles of different formats`);
      }
    }
    // HEIF 6.6.2.3.1: the tiles cover the output, and the last row and column only overlap it.
    if (width === 0 || height === 0 || first.size.width * columns < width || first.size.height * rows < height || first.size.width * (columns - 1) >= width || first.size.height * (rows - 1) >= height) {
      throw new AvifError(`${what}: a ${width}x${height} grid of ${columns}x${rows} tiles of ${first.size.width}x${first.size.height}`);
    }
    return { width, height, columns, rows, tileWidth: first.size.width, tileHeight: first.size.height, tiles: tiles.map((t) => t.data), config: first.config };
  }
  const single = av1Item(b, meta, id, what);
  return { ...single.size, columns: 1, rows: 1, tileWidth: single.size.width, tileHeight: single.size.height, tiles: [single.data], config: single.config };
}

/**
 * The first frame of an image sequence (`avis`) without a primary still item: the first sample of
 * its first `pict` (or video) track, sized by its `av01` sample entry. Alpha tracks are not read.
 */
function firstFrame(b: Uint8Array, moov: Box): AvifFile {
  for (const trak of boxes(b, moov.body, moov.end)) {
    if (trak.type !== "trak") continue;
    const mdia = child(b, trak, "mdia");
    const hdlr = mdia && child(b, mdia, "hdlr");
    const handler = hdlr ? fourcc(b, hdlr.body + 8) : "";
    if (handler !== "pict" && handler !== "vide") continue;
    const minf = mdia && child(b, mdia, "minf");
    const stbl = minf && child(b, minf, "stbl");
    if (!stbl) throw new AvifError("a track without a sample table");
    const stsd = child(b, stbl, "stsd");
    // stsd: full box, entry count; the entry: SampleEntry (8) and VisualSampleEntry (70) before its boxes.
    const entry = stsd && [...boxes(b, stsd.body + 8, stsd.end)][0];
    if (!entry || entry.type !== "av01") throw new AvifError("a sequence whose track is not AV1");
    const width = u16(b, entry.body + 24);
    const height = u16(b, entry.body + 26);
    const av1C = [...boxes(b, entry.body + 78, entry.end)].find((box) => box.type === "av1C");
    if (!av1C || width === 0 || height === 0) throw new AvifError("an AV1 sample entry without av1C or size");
    const config = property(b, av1C);
    if (config.kind !== "av1C") throw new AvifError("an AV1 sample entry without av1C");
    const stsz = child(b, stbl, "stsz");
    const stco = child(b, stbl, "stco");
    const co64 = child(b, stbl, "co64");
    if (!stsz || (!stco && !co64)) throw new AvifError("a track without sample sizes or chunk offsets");
    const size = u32(b, stsz.body + 4) || u32(b, stsz.body + 12);
    const offset = stco ? u32(b, stco.body + 8) : uint(b, (co64 as Box).body + 8, 8);
    if (size === 0 || offset + size > b.length) throw new AvifError("the first sample lies outside the file");
    const data = b.subarray(offset, offset + size);
    for (const frame of [av1C.end - av1C.body > 4 ? av1MaxFrame(b, av1C.body + 4, av1C.end) : null, av1MaxFrame(data, 0, data.length)]) {
      if (frame === null) continue;
      if (!frame) throw new AvifError("the first frame has no readable AV1 sequence header");
      if (frame.width > width || frame.height > height) throw new AvifError(`a sequence coding frames up to ${frame.width}x${frame.height} in a ${width}x${height} track`);
    }
    const nclx = [...boxes(b, entry.body + 78, entry.end)].filter((box) => box.type === "colr").map((box) => property(b, box)).find((p) => p.kind === "colr" && p.nclx);
    const color: AvifPicture = { width, height, columns: 1, rows: 1, tileWidth: width, tileHeight: height, tiles: [data], config: config.config };
    return { color, alpha: null, orientation: 1, nclx: nclx?.kind === "colr" ? (nclx.nclx ?? null) : null, icc: null };
  }
  throw new AvifError("an image sequence without a picture track");
}

/**
 * The primary image of an AVIF file (`pitm`), its alpha auxiliary image and display properties. An
 * image sequence (`avis`) gives its primary still item when it has one (libavif writes one), else
 * its first frame.
 */
export function parseAvif(b: Uint8Array): AvifFile {
  let meta: Meta | undefined;
  let moov: Box | undefined;
  for (const box of boxes(b, 0, b.length, true)) {
    if (box.type === "meta") meta ??= readMeta(b, box);
    else if (box.type === "moov") moov ??= box;
  }
  const primaryItem = meta?.items.get(meta.primary);
  if (!meta || !primaryItem) {
    if (moov) return firstFrame(b, moov);
    throw new AvifError(meta ? "no primary item" : "no meta box");
  }
  const color = picture(b, meta, meta.primary, "primary item");
  if (color.width * color.height === 0) throw new AvifError("zero width or height");
  let alpha: AvifPicture | null = null;
  const auxl = meta.refs.get("auxl");
  for (const [from, to] of auxl ?? []) {
    if (!to.includes(meta.primary)) continue;
    const item = meta.items.get(from);
    if (!item || !propertiesOf(meta, item, "auxC").some((p) => ALPHA_URNS.has(p.urn))) continue;
    alpha = picture(b, meta, from, "alpha item");
    if (alpha.width !== color.width || alpha.height !== color.height) throw new AvifError(`a ${alpha.width}x${alpha.height} alpha image on a ${color.width}x${color.height} image`);
    // Rows are merged tile by tile: the alpha image must be tiled as the colour image is.
    if (alpha.columns !== color.columns || alpha.rows !== color.rows || alpha.tileWidth !== color.tileWidth || alpha.tileHeight !== color.tileHeight) {
      throw new AvifError("an alpha image tiled differently from its colour image");
    }
    break;
  }
  const rotation = propertiesOf(meta, primaryItem, "irot")[0]?.angle ?? 0;
  const mirror = propertiesOf(meta, primaryItem, "imir")[0];
  const orientation = ORIENTATION[rotation]?.[mirror ? mirror.axis + 1 : 0] ?? 1;
  let nclx: Nclx | null = null;
  let icc: Uint8Array | null = null;
  for (const colr of propertiesOf(meta, primaryItem, "colr")) {
    if (colr.nclx && !nclx) nclx = colr.nclx;
    if (colr.icc && !icc) icc = colr.icc;
  }
  return { color, alpha, orientation, nclx, icc };
}
