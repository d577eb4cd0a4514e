/**
 * Reads what the limits need from the first bytes of a source — format, dimensions, EXIF
 * orientation — without decoding any pixels, so a decompression bomb is refused before it can
 * allocate anything.
 */
import { AvifError, parseAvif, type AvifFile } from "./avif";

export type SourceFormat = "jpeg" | "png" | "webp" | "avif" | "gif";

/** An ICC profile embedded in a source (colour.ts converts its colours to sRGB). */
export interface EmbeddedProfile {
  /** The profile (a copy of it); PNG's iCCP still zlib-compressed. */
  readonly bytes: Uint8Array;
  readonly deflated: boolean;
  /** The colour channels the decoder produces, which the profile must describe: grey, RGB or CMYK. */
  readonly channels: 1 | 3 | 4;
}

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
  /** The embedded ICC profile (JPEG APP2, PNG iCCP, WebP ICCP, AVIF colr), if any. */
  readonly icc?: EmbeddedProfile;
  /** WebP: what decode memory and scaling depend on (see WebpInfo). */
  readonly webp?: WebpInfo;
  /** AVIF: the parsed container (items, grid, alpha, colour properties). */
  readonly avif?: AvifFile;
}

/**
 * What a WebP's decode costs depends on. `lossless`: VP8L, whose decoder holds its ARGB frame.
 * `alpha`: bytes per pixel a lossy image's alpha holds (libwebp keeps the plane whole, a byte per
 * pixel, and a compressed one's VP8L frame too: a byte per pixel when its one transform is a palette
 * (the 8-bit mode), else four; and its Huffman tables: measured 0.37 bytes per pixel on a 4000×2669
 * photo's, counted as 0.5). `frame`: where an animation's first frame lies on its canvas (the whole
 * canvas for still images).
 */
export interface WebpInfo {
  readonly lossless: boolean;
  readonly alpha: 0 | 1 | 2.5 | 5.5;
  readonly animated: boolean;
  readonly frame: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/** Whether a WebP's (first) frame covers its whole canvas: libwebp can then scale it while decoding. */
export function webpFrameIsWhole(info: ImageInfo): boolean {
  const frame = info.webp?.frame;
  return frame !== undefined && frame.x === 0 && frame.y === 0 && frame.width === info.width && frame.height === info.height;
}

export type ProbeResult =
  | { readonly kind: "image"; readonly info: ImageInfo }
  | { readonly kind: "unsupported" }
  /** HEIC/HEIF (HEVC in an ISOBMFF image file): refused with its own error (no HEVC decoder here). */
  | { readonly kind: "heic" }
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
function jpegFrame(b: Uint8Array, body: number, end: number, marker: number): JpegFrame | undefined {
  const height = u16be(b, body + 1);
  const width = u16be(b, body + 3);
  const components = b[body + 5] ?? 0;
  if (body + 6 + components * 3 > end || components === 0) return undefined;
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

/**
 * Walks the markers exactly as the core's decoder does (wasm/assembly/jpeg/decoder.ts, run), which
 * finds them as libjpeg's next_marker does: bytes up to the next 0xFF are skipped (junk between
 * segments, a non-FF byte right after SOI), fill bytes too, and a 0x00 "marker" is junk; an APPn or
 * COM segment whose length is under 2 is empty. Any other walk can be steered onto a decoy SOF (say,
 * inside a comment or the junk) while the decoder finds the real frame. It reads on to the first
 * scan, which tells whether the decoder can stream (every component in it) or must keep
 * coefficients.
 */
function probeJpeg(b: Uint8Array): ProbeResult {
  let orientation = 1;
  let frame: JpegFrame | undefined;
  let o = 2;
  const iccChunks: IccChunk[] = [];
  const found = (interleaved: boolean): ProbeResult => {
    if (!frame) return { kind: "corrupt", reason: "jpeg: no frame header before the scan" };
    const { width, height, progressive, blocks, mcuRows, components } = frame;
    const jpeg = { buffered: progressive || !interleaved, blocks, mcuRows };
    const icc = jpegIccProfile(iccChunks, components);
    return { kind: "image", info: { format: "jpeg", width, height, orientation, progressive, jpeg, ...(icc && { icc }) } };
  };
  for (;;) {
    while (o < b.length && b[o] !== 0xff) o++;
    while (o < b.length && b[o] === 0xff) o++;
    if (o >= b.length) break;
    const marker = b[o++] ?? 0;
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) continue;
    if (marker === 0xd9) return { kind: "corrupt", reason: frame ? "jpeg: no scan" : "jpeg: no frame header before the scan" };
    if (o + 2 > b.length) break;
    const length = u16be(b, o);
    if (length < 2) {
      if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) {
        o += 2;
        continue;
      }
      return { kind: "corrupt", reason: "jpeg: segment length under 2" };
    }
    const body = o + 2;
    const end = o + length;
    if (end > b.length) break;
    o = end;
    if (marker === 0xda) return found((b[body] ?? 0) === frame?.components);
    if (marker === 0xe1 && ascii(b, body, 6) === "Exif\0\0") {
      orientation = exifOrientation(b.subarray(body + 6, end));
    } else if (marker === 0xe2 && ascii(b, body, 12) === "ICC_PROFILE\0" && body + 14 <= end) {
      iccChunks.push({ sequence: b[body + 12] ?? 0, count: b[body + 13] ?? 0, data: b.subarray(body + 14, end) });
    } else if (SOF.has(marker)) {
      if (frame) return { kind: "corrupt", reason: "jpeg: a second frame header" };
      if (body + 5 > end) return { kind: "corrupt", reason: "jpeg: SOF segment too short" };
      frame = jpegFrame(b, body, end, marker);
      if (!frame) return { kind: "corrupt", reason: "jpeg: SOF segment too short for its components" };
      if (frame.width === 0 || frame.height === 0) return { kind: "corrupt", reason: "jpeg: zero width or height in SOF" };
    }
  }
  // Cut before the first scan: the decoder can only buffer (or fail), so plan for buffering.
  return frame ? found(false) : { kind: "corrupt", reason: "jpeg: header ends before the frame header" };
}

interface IccChunk {
  readonly sequence: number;
  readonly count: number;
  readonly data: Uint8Array;
}

/**
 * The profile of a JPEG's APP2 ICC_PROFILE chunks, joined in their sequence order, as libjpeg's
 * jpeg_read_icc_profile does: a set with a chunk missing, repeated or out of its count is no profile.
 */
function jpegIccProfile(chunks: readonly IccChunk[], components: number): EmbeddedProfile | undefined {
  const count = chunks[0]?.count ?? 0;
  if (count === 0 || chunks.length !== count || (components !== 1 && components !== 3 && components !== 4)) return undefined;
  const ordered: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(count);
  for (const chunk of chunks) {
    if (chunk.count !== count || chunk.sequence < 1 || chunk.sequence > count || ordered[chunk.sequence - 1]) return undefined;
    ordered[chunk.sequence - 1] = chunk.data;
  }
  const bytes = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.data.length, 0));
  let at = 0;
  for (const data of ordered) {
    if (!data) return undefined;
    bytes.set(data, at);
    at += data.length;
  }
  return { bytes, deflated: false, channels: components as 1 | 3 | 4 };
}

/** A WebP's ICCP chunk (RIFF), for a decoder outside the row pipeline as well as the probe. */
export function webpIccProfile(b: Uint8Array): Uint8Array | undefined {
  if (ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 4) !== "WEBP") return undefined;
  for (let o = 12; o + 8 <= b.length; ) {
    const length = (u16le(b, o + 4) | (u16le(b, o + 6) << 16)) >>> 0;
    if (ascii(b, o, 4) === "ICCP") return o + 8 + length <= b.length ? b.slice(o + 8, o + 8 + length) : undefined;
    o += 8 + length + (length & 1);
  }
  return undefined;
}

function probePng(b: Uint8Array): ProbeResult {
  if (ascii(b, 12, 4) !== "IHDR") return { kind: "corrupt", reason: "png: first chunk is not IHDR" };
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0) return { kind: "corrupt", reason: "png: zero width or height" };
  let orientation = 1;
  let icc: EmbeddedProfile | undefined;
  for (let o = 8; o + 8 <= b.length; ) {
    const length = u32be(b, o);
    const type = ascii(b, o + 4, 4);
    if (type === "IDAT" || type === "IEND") break;
    if (type === "eXIf") orientation = exifOrientation(b.subarray(o + 8, o + 8 + length));
    if (type === "iCCP" && !icc && o + 8 + length <= b.length) {
      // Profile name (1–79 bytes), NUL, compression method 0, then the zlib stream.
      const chunk = b.subarray(o + 8, o + 8 + length);
      const nul = chunk.indexOf(0);
      // Grey and grey + alpha (colour types 0 and 4) take a grey profile; the others an RGB one.
      const channels = b[25] === 0 || b[25] === 4 ? 1 : 3;
      if (nul >= 1 && nul + 2 < chunk.length && chunk[nul + 1] === 0) icc = { bytes: chunk.slice(nul + 2), deflated: true, channels };
    }
    o += 12 + length;
  }
  return { kind: "image", info: { format: "png", width, height, orientation, interlaced: b[28] === 1, ...(icc && { icc }) } };
}

/**
 * The size libwebp decodes (webp_dec.c, ParseHeadersInternal): the first chunk's. A VP8X canvas
 * must equal its still image's frame (libwebp refuses otherwise, so the probe does too, before
 * decoding); in the simple format the first chunk is the frame and later chunks do not count. A
 * later VP8X must not shrink what the budget reserves below the frame libwebp will decode.
 */
function probeWebp(b: Uint8Array): ProbeResult {
  let orientation = 1;
  let size: { width: number; height: number } | undefined;
  let canvas = false;
  let flags = 0;
  let image: string | undefined;
  let alphaCost: WebpInfo["alpha"] | undefined;
  let frame: WebpInfo["frame"] | undefined;
  for (let o = 12; o + 8 <= b.length; ) {
    const type = ascii(b, o, 4);
    const length = (u16le(b, o + 4) | (u16le(b, o + 6) << 16)) >>> 0;
    const body = o + 8;
    const chunk = bitstreamSize(b, type, body);
    if (o === 12) {
      if (type === "VP8X") {
        size = { width: u24le(b, body + 4) + 1, height: u24le(b, body + 7) + 1 };
        flags = b[body] ?? 0;
        canvas = true;
      } else if (chunk) size = chunk;
      else return { kind: "corrupt", reason: `webp: first chunk is ${JSON.stringify(type)}, not VP8X, VP8 or VP8L` };
    } else if (chunk && canvas && size && (chunk.width !== size.width || chunk.height !== size.height)) {
      return { kind: "corrupt", reason: `webp: a ${chunk.width}x${chunk.height} frame on a ${size.width}x${size.height} canvas` };
    }
    if (chunk && image === undefined) image = type;
    if (type === "ALPH" && alphaCost === undefined) alphaCost = alphaBytes(b, body);
    if (type === "ANMF" && frame === undefined && body + 24 <= b.length) {
      frame = { x: u24le(b, body) * 2, y: u24le(b, body + 3) * 2, width: u24le(b, body + 6) + 1, height: u24le(b, body + 9) + 1 };
      const first = ascii(b, body + 16, 4);
      image = first === "ALPH" ? "VP8 " : first;
      if (first === "ALPH") alphaCost = alphaBytes(b, body + 24);
    }
    if (type === "EXIF") {
      const exif = b.subarray(body, body + length);
      orientation = exifOrientation(ascii(exif, 0, 6) === "Exif\0\0" ? exif.subarray(6) : exif);
    }
    o = body + length + (length & 1);
  }
  if (!size || size.width === 0 || size.height === 0) return { kind: "corrupt", reason: "webp: no image size" };
  // What the decode costs depends on the image chunk: past the bytes read (a large ICC profile), the
  // caller reads on, or reserves its ceiling until the whole file is here.
  if (image === undefined) return { kind: "corrupt", reason: "webp: no VP8, VP8L or ANMF chunk" };
  const animated = (flags & 0x02) !== 0;
  const webp: WebpInfo = {
    lossless: image !== "VP8 ",
    alpha: (flags & 0x10) === 0 || image === "VP8L" ? 0 : (alphaCost ?? 5.5),
    animated,
    frame: frame ?? { x: 0, y: 0, ...size },
  };
  const profile = webpIccProfile(b);
  const icc = profile && { bytes: profile, deflated: false, channels: 3 as const };
  return { kind: "image", info: { format: "webp", ...size, orientation, webp, ...(icc && { icc }) } };
}

/**
 * What libwebp holds per pixel for the ALPH chunk whose body starts at `body`: the plane, and for
 * VP8L-compressed data (method 1) its decoder's frame and Huffman tables, 1.5 bytes per pixel when
 * its first transform is a palette (the 8-bit mode; a second transform after it would need 4.5: the
 * reservation then runs out, 422), 4.5 otherwise.
 */
function alphaBytes(b: Uint8Array, body: number): WebpInfo["alpha"] {
  const method = (b[body] ?? 0) & 3;
  if (method === 0) return 1;
  const bits = b[body + 1] ?? 0;
  const palette = (bits & 1) === 1 && ((bits >> 1) & 3) === 3;
  return palette ? 2.5 : 5.5;
}

/** The frame size a VP8 or VP8L chunk's bitstream header declares. */
function bitstreamSize(b: Uint8Array, type: string, body: number): { width: number; height: number } | undefined {
  if (type === "VP8 ") return { width: u16le(b, body + 6) & 0x3fff, height: u16le(b, body + 8) & 0x3fff };
  if (type !== "VP8L") return undefined;
  const bits = (u16le(b, body + 1) | (u16le(b, body + 3) << 16)) >>> 0;
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/**
 * The primary image's size and orientation (irot/imir) from the HEIF boxes (avif.ts, which also
 * refuses an AV1 stream coding frames larger than its item's `ispe`). The parsed file rides along in
 * the info, so the decoder does not read the boxes again.
 */
function probeAvif(b: Uint8Array): ProbeResult {
  try {
    const avif = parseAvif(b);
    const icc = avif.icc && { bytes: avif.icc, deflated: false, channels: 3 as const };
    const info = { format: "avif", width: avif.color.width, height: avif.color.height, orientation: avif.orientation, avif } as const;
    return { kind: "image", info: { ...info, ...(icc && { icc }) } };
  } catch (error) {
    if (error instanceof AvifError) return { kind: "corrupt", reason: `avif: ${error.message}` };
    throw error;
  }
}

/**
 * The canvas the core's GIF decoder (wasm/assembly/gif/decoder.ts) paints: the logical screen grown
 * to take in the first image, as libnsgif does. Found by the decoder's own walk (extensions skipped
 * sub-block by sub-block up to the first Image Descriptor), so a first image far outside a small
 * screen is budgeted at the size it is decoded at.
 */
function probeGif(b: Uint8Array): ProbeResult {
  const screenW = u16le(b, 6);
  const screenH = u16le(b, 8);
  if (screenW === 0 || screenH === 0) return { kind: "corrupt", reason: "gif: zero width or height" };
  const flags = b[10] ?? 0;
  let o = 13 + (flags & 0x80 ? 3 * (2 << (flags & 7)) : 0);
  for (;;) {
    if (o >= b.length) return { kind: "corrupt", reason: "gif: the data ends before the first image" };
    const introducer = b[o++];
    if (introducer === 0x2c) break;
    if (introducer !== 0x21) return { kind: "corrupt", reason: "gif: no image before the trailer or junk" };
    o++; // label
    for (;;) {
      if (o >= b.length) return { kind: "corrupt", reason: "gif: the data ends before the first image" };
      const size = b[o++] ?? 0;
      if (size === 0) break;
      o += size;
    }
  }
  if (o + 9 > b.length) return { kind: "corrupt", reason: "gif: the data ends inside the first image descriptor" };
  const width = Math.max(screenW, u16le(b, o) + u16le(b, o + 4));
  const height = Math.max(screenH, u16le(b, o + 2) + u16le(b, o + 6));
  return { kind: "image", info: { format: "gif", width, height, orientation: 1 } };
}

/** Brands of HEVC-coded HEIF files (ISO/IEC 23008-12 Annex B): images, sequences, multi-layer. */
const HEVC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
/** Structural HEIF brands that AVIF files carry too: the coded items decide. */
const HEIF_BRANDS = new Set(["mif1", "msf1", "miaf", "mif2"]);

/** The `ftyp` box's major and compatible brands. */
function ftypBrands(b: Uint8Array): string[] {
  const end = Math.min(b.length, u32be(b, 0));
  const brands = [ascii(b, 8, 4)];
  for (let o = 16; o + 4 <= end; o += 4) brands.push(ascii(b, o, 4));
  return brands;
}

/** The item types (`infe` version 2 and 3) of the file's top-level `meta` box. */
function heifItemTypes(b: Uint8Array): Set<string> {
  const types = new Set<string>();
  const walk = (start: number, end: number, depth: number): void => {
    for (let o = start; o + 8 <= end && depth < 4; ) {
      const size = u32be(b, o);
      const type = ascii(b, o + 4, 4);
      if (size < 8) return;
      const body = o + 8;
      const boxEnd = Math.min(end, o + size);
      if (type === "meta") walk(body + 4, boxEnd, depth + 1);
      else if (type === "iinf") walk(body + 4 + (b[body] === 0 ? 2 : 4), boxEnd, depth + 1);
      else if (type === "infe") {
        const version = b[body] ?? 0;
        if (version >= 2) types.add(ascii(b, body + (version === 2 ? 8 : 10), 4));
      }
      o += size;
    }
  };
  walk(0, b.length, 0);
  return types;
}

/**
 * AVIF or HEIC, from an ISOBMFF file's coded items when its header shows them (`av01` or
 * `hvc1`/`hev1`), else from its brands: AVIF and HEIC share the structural brands (`mif1`, `miaf`),
 * so only `avif`/`avis` or an HEVC brand tells them apart. Anything else (MP4 video, …) is neither.
 */
function isobmffImage(b: Uint8Array): "avif" | "heic" | undefined {
  const items = heifItemTypes(b);
  if (items.has("av01")) return "avif";
  if (items.has("hvc1") || items.has("hev1")) return "heic";
  const brands = ftypBrands(b);
  if (brands.some((brand) => brand === "avif" || brand === "avis")) return "avif";
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return "heic";
  return brands.some((brand) => HEIF_BRANDS.has(brand)) ? "avif" : undefined;
}

export function probe(b: Uint8Array): ProbeResult {
  // SOI alone, as libjpeg (and libvips's sniffer) require: what follows it is found by the marker walk
  if (b[0] === 0xff && b[1] === 0xd8) return probeJpeg(b);
  if (u32be(b, 0) === 0x89504e47 && u32be(b, 4) === 0x0d0a1a0a) return probePng(b);
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return probeWebp(b);
  if (ascii(b, 4, 4) === "ftyp") {
    const kind = isobmffImage(b);
    if (kind === "heic") return { kind: "heic" };
    if (kind === "avif") return probeAvif(b);
  }
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") return probeGif(b);
  return { kind: "unsupported" };
}
