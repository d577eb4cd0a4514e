// Arithmetic entropy decoding for JPEG (ITU-T T.81 Annex D and F.2.4, G.2 for progressive): the
// QM-coder's decision decoder, its statistics bins, and the DC difference / AC coefficient
// procedures built on it. decoder.ts runs the scans and stores the coefficients; this file only
// turns bytes into values.
//
// A marker inside the data is legal here (unlike Huffman coding): from then on zero bytes are fed,
// the reader stays on the marker for decoder.ts's marker loop. A value that cannot be valid (a
// magnitude over 15 bits, a run past the end of the block) marks the rest of the interval dead,
// as libjpeg does: the blocks after it keep zero coefficients until the next restart.

// Table D.2 (Qe value, next index after LPS, next index after MPS, MPS switch), index 113 the fixed
// 0.5 estimate libjpeg uses for sign and refinement bits (T.851 table 5). Packed per entry as
// (qe << 16) | ((nlps | switch << 7) << 8) | nmps.
const QE: StaticArray<u32> = [
  0x5a1d8101, 0x25860e02, 0x11141003, 0x080b1204, 0x03d81405, 0x01da1706, 0x00e51907, 0x006f1c08,
  0x00361e09, 0x001a210a, 0x000d230b, 0x0006090c, 0x00030a0d, 0x00010c0d, 0x5a7f8f0f, 0x3f252410,
  0x2cf22611, 0x207c2712, 0x17b92813, 0x11822a14, 0x0cef2b15, 0x09a12d16, 0x072f2e17, 0x055c3018,
  0x04063119, 0x0303331a, 0x0240341b, 0x01b1361c, 0x0144381d, 0x00f5391e, 0x00b73b1f, 0x008a3c20,
  0x00683e21, 0x004e3f22, 0x003b2023, 0x002c2109, 0x5ae1a525, 0x484c4026, 0x3a0d4127, 0x2ef14328,
  0x261f4429, 0x1f33452a, 0x19a8462b, 0x1518482c, 0x1177492d, 0x0e744a2e, 0x0bfb4b2f, 0x09f84d30,
  0x08614e31, 0x07064f32, 0x05cd3033, 0x04de3234, 0x040f3235, 0x03633336, 0x02d43437, 0x025c3538,
  0x01f83639, 0x01a4373a, 0x0160383b, 0x0125393c, 0x00f63a3d, 0x00cb3b3e, 0x00ab3d3f, 0x008f3d20,
  0x5b12c141, 0x4d045042, 0x412c5143, 0x37d85244, 0x2fe85345, 0x293c5446, 0x23795647, 0x1edf5748,
  0x1aa95749, 0x174e484a, 0x1424484b, 0x119c4a4c, 0x0f6b4a4d, 0x0d514b4e, 0x0bb64d4f, 0x0a404d30,
  0x5832d051, 0x4d1c5852, 0x438e5953, 0x3bdd5a54, 0x34ee5b55, 0x2eae5c56, 0x299a5d57, 0x25165647,
  0x5570d859, 0x4ca95f5a, 0x44d9605b, 0x3e22615c, 0x3824635d, 0x32b4635e, 0x2e175d56, 0x56a8df60,
  0x4f466561, 0x47e56662, 0x41cf6763, 0x3c3d6864, 0x375e635d, 0x52316966, 0x4c0f6a67, 0x46396b68,
  0x415e6763, 0x5627e96a, 0x50e76c6b, 0x4b856d67, 0x55976e6d, 0x504f6f6b, 0x5a10ee6f, 0x5522706d,
  0x59ebf06f, 0x5a1d7171,
];

// statistics bins, one byte each: MPS in bit 7, state index below
const DC_BINS = 64;
const AC_BINS = 256;
const STATS: usize = memory.data(4 * DC_BINS + 4 * AC_BINS + 1, 16);
const FIXED: usize = STATS + <usize>(4 * DC_BINS + 4 * AC_BINS);

// conditioning (DAC): DC lower/upper bound per table, AC K per table
const dcL = new StaticArray<i32>(4);
const dcU = new StaticArray<i32>(4);
const acK = new StaticArray<i32>(4);
const dcContext = new StaticArray<i32>(4); // per component

let c: u32 = 0;
let a: u32 = 0;
let ct: i32 = 0;
let rp: usize = 0;
let rend: usize = 0;
let marker: bool = false;
let dead: bool = false;

/** The value of the last arithAC call (±, unshifted). */
export let acValue: i32 = 0;

export function arithDefaults(): void {
  for (let t = 0; t < 4; t++) {
    unchecked(dcL[t] = 0);
    unchecked(dcU[t] = 1);
    unchecked(acK[t] = 5);
  }
}

/**
 * One DAC entry (T.81 B.2.4.3); false where libjpeg refuses it (a class other than DC/AC, a DC lower
 * bound over its upper bound). Tables past 3 are accepted and unused: no scan can select them here.
 */
export function arithConditioning(tc: i32, tb: i32, cs: i32): bool {
  if (tc > 1) return false;
  if (tc == 0 && (cs & 15) > (cs >> 4)) return false;
  if (tb > 3) return true;
  if (tc == 0) {
    unchecked(dcL[tb] = cs & 15);
    unchecked(dcU[tb] = cs >> 4);
  } else {
    unchecked(acK[tb] = cs);
  }
  return true;
}

/** Starts an entropy-coded segment at p (scan start or after a restart marker). */
export function arithStart(p: usize, end: usize): void {
  rp = p;
  rend = end;
  c = 0;
  a = 0;
  ct = -16; // two bytes are read into C before the first decision
  marker = false;
  dead = false;
  store<u8>(FIXED, 113);
}

/** An impossible value found by decoder.ts: nothing more is decoded until the next restart. */
export function arithKill(): void {
  dead = true;
}

export function arithResetDC(tbl: i32, comp: i32): void {
  memory.fill(STATS + <usize>(tbl * DC_BINS), 0, DC_BINS);
  unchecked(dcContext[comp] = 0);
}

export function arithResetAC(tbl: i32): void {
  memory.fill(STATS + <usize>(4 * DC_BINS + tbl * AC_BINS), 0, AC_BINS);
}

/** Where the reader stands: the next unread byte, or the 0xFF of the marker that ended the data. */
export function arithPos(): usize { return rp; }
export function arithDead(): bool { return dead; }

function nextByte(): u32 {
  if (marker || rp >= rend) return 0;
  let b = <u32>load<u8>(rp);
  if (b != 0xFF) {
    rp++;
    return b;
  }
  let q = rp + 1;
  while (q < rend && load<u8>(q) == 0xFF) q++;
  if (q < rend && load<u8>(q) == 0) {
    rp = q + 1;
    return 0xFF;
  }
  rp = q - 1; // on the last 0xFF before the marker code (or the end)
  marker = true;
  return 0;
}

/** One binary decision with the statistics bin at st (T.81 D.2.4–D.2.6, libjpeg's register layout). */
export function arithBit(st: usize): i32 {
  while (a < 0x8000) {
    if (--ct < 0) {
      c = (c << 8) | nextByte();
      ct += 8;
      if (ct < 0 && ++ct == 0) a = 0x8000; // the two initial bytes are in: A = 0x10000 below
    }
    a <<= 1;
  }
  let sv = <u32>load<u8>(st);
  let e = unchecked(QE[sv & 0x7F]);
  let qe = e >> 16;
  let nl = (e >> 8) & 0xFF;
  let nm = e & 0xFF;
  let t = a - qe;
  a = t;
  let tc = t << <u32>ct;
  if (c >= tc) {
    c -= tc;
    if (a < qe) {
      a = qe;
      store<u8>(st, <u8>((sv & 0x80) ^ nm));
    } else {
      a = qe;
      store<u8>(st, <u8>((sv & 0x80) ^ nl));
      sv ^= 0x80;
    }
  } else if (a < 0x8000) {
    if (a < qe) {
      store<u8>(st, <u8>((sv & 0x80) ^ nl));
      sv ^= 0x80;
    } else {
      store<u8>(st, <u8>((sv & 0x80) ^ nm));
    }
  }
  return <i32>(sv >> 7);
}

export function arithFixed(): i32 {
  return arithBit(FIXED);
}

/** Statistics of AC table tbl, for refinement scans (decoder.ts). */
export function acStats(tbl: i32): usize {
  return STATS + <usize>(4 * DC_BINS + tbl * AC_BINS);
}

/** A DC difference for component comp with DC table tbl (F.2.4.1, figures F.19–F.24). */
export function arithDC(tbl: i32, comp: i32): i32 {
  if (dead) return 0;
  let base = STATS + <usize>(tbl * DC_BINS);
  let st = base + <usize>unchecked(dcContext[comp]);
  if (arithBit(st) == 0) {
    unchecked(dcContext[comp] = 0);
    return 0;
  }
  let sign = arithBit(st + 1);
  st += 2 + <usize>sign;
  let m = arithBit(st);
  if (m != 0) {
    st = base + 20;
    while (arithBit(st)) {
      m <<= 1;
      if (m == 0x8000) { dead = true; return 0; }
      st++;
    }
  }
  if (m < ((1 << unchecked(dcL[tbl])) >> 1)) unchecked(dcContext[comp] = 0);
  else if (m > ((1 << unchecked(dcU[tbl])) >> 1)) unchecked(dcContext[comp] = 12 + sign * 4);
  else unchecked(dcContext[comp] = 4 + sign * 4);
  let v = m;
  st += 14;
  while ((m >>= 1) != 0) if (arithBit(st)) v |= m;
  v += 1;
  return sign ? -v : v;
}

/**
 * The next non-zero AC coefficient at or after k (≤ se) with AC table tbl: its index, value in
 * acValue; -1 at the end of the block (or when the data is dead). F.2.4.2, figure F.20.
 */
export function arithAC(tbl: i32, k: i32, se: i32): i32 {
  if (dead) return -1;
  let base = acStats(tbl);
  let st = base + 3 * <usize>(k - 1);
  if (arithBit(st)) return -1; // end of block
  while (arithBit(st + 1) == 0) {
    st += 3;
    k++;
    if (k > se) { dead = true; return -1; }
  }
  let sign = arithBit(FIXED);
  st += 2;
  let m = arithBit(st);
  if (m != 0 && arithBit(st)) {
    m <<= 1;
    st = base + (k <= unchecked(acK[tbl]) ? 189 : 217);
    while (arithBit(st)) {
      m <<= 1;
      if (m == 0x8000) { dead = true; return -1; }
      st++;
    }
  }
  let v = m;
  st += 14;
  while ((m >>= 1) != 0) if (arithBit(st)) v |= m;
  v += 1;
  acValue = sign ? -v : v;
  return k;
}
