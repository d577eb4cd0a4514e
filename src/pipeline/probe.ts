/**
 * Reads what the limits need from the first bytes of a source — format, dimensions, EXIF
 * orientation — without decoding any pixels, so a decompression bomb is refused before it can
 * allocate anything.
 */
export type SourceFormat = "jpeg" | "png" | "webp" | "avif" | "gif";

export interface ImageInfo {
  readonly format: SourceFormat;
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  readonly orientation: number;
  /** Progressive JPEG: its coefficients must be held across scans (more decode memory). */
  readonly progressive?: boolean;
  /**
   * JPEG: what decode memory depends on. `buffered`: the decoder keeps coefficients across scans
   * (progressive, or a first scan without every component); `blocks`: 8×8 blocks over all components;
   * `mcuWidth`: pixels per MCU row width (a streaming decode holds a few MCU rows).
   */
  readonly jpeg?: { readonly buffered: boolean; readonly blocks: number; readonly mcuRows: number };
  /** PNG: Adam7 interlacing (the decoder holds the whole RGBA frame). */
  readonly interlaced?: boolean;
}

export type ProbeResult =
  | { readonly kind: "image"; readonly info: ImageInfo }
  | { readonly kind: "unsupported" }
  | { readonly kind: "corrupt"; readonly reason: string };

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u32be = (b: Uint8Array, o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number) => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

/** Orientation tag (0x0112) of a TIFF structure (the body of an EXIF block). */
export function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
  const u16 = (o: number) => (little ? u16le(tiff, o) : u16be(tiff, o));
  const u32 = (o: number) => (little ? (u16le(tiff, o) | (u16le(tiff, o + 2) << 16)) >>> 0 : u32be(tiff, o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

interface JpegFrame {
  readonly width: number;
  readonly height: number;
  readonly progressive: boolean;
  readonly components: number;
  readonly blocks: number;
  readonly mcuRows: number;
}

/** Components, sampling factors and the block count the decoder will allocate for, from a SOF body. */
function jpegFrame(b: Uint8Array, body: number, marker: number): JpegFrame | undefined {
  const height = u16be(b, body + 1);
  const width = u16be(b, body + 3);
  const components = b[body + 5] ?? 0;
  if (body + 6 + components * 3 > b.length || components === 0) return undefined;
  const factors: Array<[number, number]> = [];
  for (let i = 0; i < components; i++) {
    const hv = b[body + 6 + i * 3 + 1] ?? 0;
    factors.push([Math.max(1, hv >> 4), Math.max(1, hv & 15)]);
  }
  const hmax = Math.max(...factors.map(([h]) => h));
  const vmax = Math.max(...factors.map(([, v]) => v));
  const mcusX = Math.ceil(width / (8 * hmax));
  const mcusY = Math.ceil(height / (8 * vmax));
  const blocks = factors.reduce((n, [h, v]) => n + mcusX * h * mcusY * v, 0);
  const progressive = marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce;
  return { width, height, progressive, components, blocks, mcuRows: 8 * vmax };
}

function probeJpeg(b: Uint8Array): ProbeResult {
  let orientation = 1;
  let frame: JpegFrame | undefined;
  let o = 2;
  const found = (interleaved: boolean): ProbeResult => {
    if (!frame) return { kind: "corrupt", reason: "jpeg: no frame header before the scan" };
    const { width, height, progressive, blocks, mcuRows } = frame;
    const jpeg = { buffered: progressive || !interleaved, blocks, mcuRows };
    return { kind: "image", info: { format: "jpeg", width, height, orientation, progressive, jpeg } };
  };
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) {
      // Past the frame header, what the decoder makes of odd bytes cannot lower the memory planned for buffering.
      return frame ? found(false) : { kind: "corrupt", reason: `jpeg: expected a marker at byte ${o}` };
    }
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) {
      o++;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2;
      continue;
    }
    const length = u16be(b, o + 2);
    if (length < 2) return frame ? found(false) : { kind: "corrupt", reason: "jpeg: segment length under 2" };
    const body = o + 4;
    if (marker === 0xe1 && ascii(b, body, 6) === "Exif\0\0") {
      orientation = exifOrientation(b.subarray(body + 6, o + 2 + length));
    } else if (SOF.has(marker)) {
      if (body + 5 > b.length) break;
      if (frame) return { kind: "corrupt", reason: "jpeg: a second frame header" };
      frame = jpegFrame(b, body, marker);
      if (!frame) break;
      if (frame.width === 0 || frame.height === 0) return { kind: "corrupt", reason: "jpeg: zero width or height in SOF" };
    } else if (marker === 0xda) {
      // The first scan tells whether the decoder can stream (every component in it) or must buffer.
      return found((b[body] ?? 0) === frame?.components);
    } else if (marker === 0xd9) {
      return { kind: "corrupt", reason: "jpeg: no scan" };
    }
    o += 2 + length;
  }
  // Cut before the first scan: the decoder can only buffer (or fail), so plan for buffering.
  return frame ? found(false) : { kind: "corrupt", reason: "jpeg: header ends before the frame header" };
}

function probePng(b: Uint8Array): ProbeResult {
  if (ascii(b, 12, 4) !== "IHDR") return { kind: "corrupt", reason: "png: first chunk is not IHDR" };
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0) return { kind: "corrupt", reason: "png: zero width or height" };
  let orientation = 1;
  for (let o = 8; o + 8 <= b.length; ) {
    const length = u32be(b, o);
    const type = ascii(b, o + 4, 4);
    if (type === "IDAT" || type === "IEND") break;
    if (type === "eXIf") orientation = exifOrientation(b.subarray(o + 8, o + 8 + length));
    o += 12 + length;
  }
  return { kind: "image", info: { format: "png", width, height, orientation, interlaced: b[28] === 1 } };
}

function probeWebp(b: Uint8Array): ProbeResult {
  let orientation = 1;
  let size: { width: number; height: number } | undefined;
  for (let o = 12; o + 8 <= b.length; ) {
    const type = ascii(b, o, 4);
    const length = (u16le(b, o + 4) | (u16le(b, o + 6) << 16)) >>> 0;
    const body = o + 8;
    if (type === "VP8X") size = { width: u24le(b, body + 4) + 1, height: u24le(b, body + 7) + 1 };
    else if (type === "VP8 " && !size) size = { width: u16le(b, body + 6) & 0x3fff, height: u16le(b, body + 8) & 0x3fff };
    else if (type === "VP8L" && !size) {
      const bits = (u16le(b, body + 1) | (u16le(b, body + 3) << 16)) >>> 0;
      size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    } else if (type === "EXIF") {
      const exif = b.subarray(body, body + length);
      orientation = exifOrientation(ascii(exif, 0, 6) === "Exif\0\0" ? exif.subarray(6) : exif);
    }
    o = body + length + (length & 1);
  }
  if (!size || size.width === 0 || size.height === 0) return { kind: "corrupt", reason: "webp: no image size" };
  return { kind: "image", info: { format: "webp", ...size, orientation } };
}

/** ISOBMFF: the largest `ispe` (image spatial extents) property is the primary image's size. */
function probeAvif(b: Uint8Array): ProbeResult {
  let best: { width: number; height: number } | undefined;
  const walk = (start: number, end: number, depth: number): void => {
    for (let o = start; o + 8 <= end && depth < 6; ) {
      let size = u32be(b, o);
      const type = ascii(b, o + 4, 4);
      let header = 8;
      if (size === 1) {
        size = u32be(b, o + 8) * 2 ** 32 + u32be(b, o + 12);
        header = 16;
      } else if (size === 0) size = end - o;
      if (size < header) return;
      const boxEnd = Math.min(end, o + size);
      if (type === "meta") walk(o + header + 4, boxEnd, depth + 1);
      else if (type === "iprp" || type === "ipco") walk(o + header, boxEnd, depth + 1);
      else if (type === "ispe") {
        const width = u32be(b, o + header + 4);
        const height = u32be(b, o + header + 8);
        if (!best || width * height > best.width * best.height) best = { width, height };
      }
      o += size;
    }
  };
  walk(0, b.length, 0);
  if (!best || best.width === 0 || best.height === 0) return { kind: "corrupt", reason: "avif: no ispe property" };
  return { kind: "image", info: { format: "avif", ...best, orientation: 1 } };
}

export function probe(b: Uint8Array): ProbeResult {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return probeJpeg(b);
  if (u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) return probePng(b);
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return probeWebp(b);
  if (ascii(b, 4, 4) === "ftyp" && /^(avif|avis|mif1|miaf)$/.test(ascii(b, 8, 4))) return probeAvif(b);
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") {
    const width = u16le(b, 6);
    const height = u16le(b, 8);
    if (width === 0 || height === 0) return { kind: "corrupt", reason: "gif: zero width or height" };
    return { kind: "image", info: { format: "gif", width, height, orientation: 1 } };
  }
  return { kind: "unsupported" };
}
