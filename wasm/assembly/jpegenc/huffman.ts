// Optimal length-limited Huffman tables from symbol frequencies (T.81 Annex K.2, written afresh):
// repeatedly merge the two least frequent groups (a reserved symbol 256 with frequency 1 keeps any
// real code from being all 1-bits), then shorten codes longer than 16 bits by the Annex K.3
// adjustment, then assign canonical codes.
//
// A table is an area of TABLE_SIZE bytes:
//   +0    BITS: u8[17]   number of codes of each length 1..16 (index 0 unused)
//   +17   HUFFVAL: u8[256]
//   +273  (pad)
//   +276  NVALS: i32     number of symbols
//   +280  CODE: u32[256] per symbol (length << 16) | code, 0 = unused

export const TABLE_BYTES: i32 = 280 + 256 * 4;
export const TABLE_SIZE: usize = <usize>TABLE_BYTES;
export const T_BITS: usize = 0;
export const T_VALS: usize = 17;
export const T_NVALS: usize = 276;
export const T_CODE: usize = 280;

const FREQ: usize = memory.data(257 * 8, 16); // working copy (u64)
const SIZE: usize = memory.data(257 * 4, 16); // code size per symbol
const NEXT: usize = memory.data(257 * 4, 16); // next symbol in the same subtree chain, -1 = end
const COUNT: usize = memory.data(260 * 4, 16); // codes per length (lengths can reach 256 before limiting)

// freq: u32[256] symbol counts; t: the table area to fill
export function buildTable(freq: usize, t: usize): void {
  for (let i = 0; i < 256; i++) store<u64>(FREQ + (<usize>i << 3), <u64>load<u32>(freq + (<usize>i << 2)));
  store<u64>(FREQ + (256 << 3), 1);
  for (let i = 0; i < 257; i++) {
    store<i32>(SIZE + (<usize>i << 2), 0);
    store<i32>(NEXT + (<usize>i << 2), -1);
  }
  for (let i = 0; i < 260; i++) store<i32>(COUNT + (<usize>i << 2), 0);

  for (;;) {
    // the least frequent group c1 and the next least c2 (ties go to the larger symbol)
    let c1 = -1;
    let c2 = -1;
    let f1: u64 = u64.MAX_VALUE;
    let f2: u64 = u64.MAX_VALUE;
    for (let i = 0; i < 257; i++) {
      const f = load<u64>(FREQ + (<usize>i << 3));
      if (f == 0) continue;
      if (f <= f1) {
        c2 = c1;
        f2 = f1;
        c1 = i;
        f1 = f;
      } else if (f <= f2) {
        c2 = i;
        f2 = f;
      }
    }
    if (c2 < 0) break;
    store<u64>(FREQ + (<usize>c1 << 3), f1 + f2);
    store<u64>(FREQ + (<usize>c2 << 3), 0);
    // every symbol in both groups goes one level deeper; then chain c2's group after c1's
    for (;;) {
      const p = SIZE + (<usize>c1 << 2);
      store<i32>(p, load<i32>(p) + 1);
      const n = load<i32>(NEXT + (<usize>c1 << 2));
      if (n < 0) break;
      c1 = n;
    }
    store<i32>(NEXT + (<usize>c1 << 2), c2);
    for (;;) {
      const p = SIZE + (<usize>c2 << 2);
      store<i32>(p, load<i32>(p) + 1);
      const n = load<i32>(NEXT + (<usize>c2 << 2));
      if (n < 0) break;
      c2 = n;
    }
  }

  let maxLen = 0;
  for (let i = 0; i < 257; i++) {
    const s = load<i32>(SIZE + (<usize>i << 2));
    if (s > 0) {
      const p = COUNT + (<usize>s << 2);
      store<i32>(p, load<i32>(p) + 1);
      if (s > maxLen) maxLen = s;
    }
  }
  // limit to 16 bits: take two codes of the longest length i; one moves up to length i-1 (as the
  // prefix they shared), the other becomes, with a code of the longest length j < i-1 that has any,
  // the two children of that code (length j+1)
  for (let i = maxLen; i > 16; i--) {
    while (load<i32>(COUNT + (<usize>i << 2)) > 0) {
      let j = i - 2;
      while (load<i32>(COUNT + (<usize>j << 2)) == 0) j--;
      store<i32>(COUNT + (<usize>i << 2), load<i32>(COUNT + (<usize>i << 2)) - 2);
      store<i32>(COUNT + (<usize>(i - 1) << 2), load<i32>(COUNT + (<usize>(i - 1) << 2)) + 1);
      store<i32>(COUNT + (<usize>(j + 1) << 2), load<i32>(COUNT + (<usize>(j + 1) << 2)) + 2);
      store<i32>(COUNT + (<usize>j << 2), load<i32>(COUNT + (<usize>j << 2)) - 1);
    }
  }
  // drop the reserved symbol: it is the last of the longest codes
  let last = 16;
  while (load<i32>(COUNT + (<usize>last << 2)) == 0) last--;
  store<i32>(COUNT + (<usize>last << 2), load<i32>(COUNT + (<usize>last << 2)) - 1);

  store<u8>(t + T_BITS, 0);
  for (let l = 1; l <= 16; l++) store<u8>(t + T_BITS + <usize>l, <u8>load<i32>(COUNT + (<usize>l << 2)));
  // HUFFVAL: symbols by (unlimited) code size, then by value; symbol 256 sorts last and is left out
  let n = 0;
  for (let l = 1; l <= maxLen; l++) {
    for (let s = 0; s < 256; s++) {
      if (load<i32>(SIZE + (<usize>s << 2)) == l) {
        store<u8>(t + T_VALS + <usize>n, <u8>s);
        n++;
      }
    }
  }
  store<i32>(t + T_NVALS, n);
  for (let s = 0; s < 256; s++) store<u32>(t + T_CODE + (<usize>s << 2), 0);
  // canonical codes: consecutive within a length, doubled (shifted left) at each longer length
  let code: u32 = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    const cnt = <i32>load<u8>(t + T_BITS + <usize>l);
    for (let i = 0; i < cnt; i++) {
      const s = <usize>load<u8>(t + T_VALS + <usize>k);
      k++;
      store<u32>(t + T_CODE + (s << 2), (<u32>l << 16) | code);
      code++;
    }
    code <<= 1;
  }
}
