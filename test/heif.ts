/**
 * The first boxes of an ISOBMFF image file, as a phone writes them: `ftyp` (major brand, then the
 * compatible ones) and a `meta` box whose `iinf` lists one coded item of `itemType` (`hvc1` in HEIC,
 * `av01` in AVIF). No pixels: enough for the probe, which decides from these alone.
 */
export function heifHeader(brands: readonly string[], itemType: string): Uint8Array<ArrayBuffer> {
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  const u32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const box = (type: string, body: number[]) => [...u32(8 + body.length), ...ascii(type), ...body];
  const [major = "heic", ...compatible] = brands;
  const ftyp = box("ftyp", [...ascii(major), 0, 0, 0, 0, ...compatible.flatMap(ascii)]);
  const hdlr = box("hdlr", [0, 0, 0, 0, 0, 0, 0, 0, ...ascii("pict"), ...new Array<number>(13).fill(0)]);
  // infe version 2: item_ID 1, protection index 0, item_type, an empty name.
  const infe = box("infe", [2, 0, 0, 0, 0, 1, 0, 0, ...ascii(itemType), 0]);
  const iinf = box("iinf", [0, 0, 0, 0, 0, 1, ...infe]);
  const meta = box("meta", [0, 0, 0, 0, ...hdlr, ...iinf]);
  return new Uint8Array([...ftyp, ...meta, ...box("mdat", new Array<number>(64).fill(0))]);
}
