// Alpha detection and the entropy ("smart") crop on RGBA8 frames (orientation, crop and flatten are
// row stages: pipe/).

export function hasAlpha(src: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    if (load<u8>(src + (<usize>i << 2) + 3) != 255) return true;
  }
  return false;
}

// Static, not allocated on first use: a block allocated during a request and kept would split the
// heap a pooled instance hands to the next request.
const histogram: usize = memory.data(256 << 2, 16);

/** Shannon entropy (bits) of the luma histogram of a rectangle. */
function entropy(src: usize, w: i32, x0: i32, y0: i32, rw: i32, rh: i32): f64 {
  memory.fill(histogram, 0, 256 << 2);
  for (let y = y0; y < y0 + rh; y++) {
    let p = src + ((<usize>y * <usize>w + <usize>x0) << 2);
    for (let x = 0; x < rw; x++) {
      // Rec. 601 luma in fixed point: (77 R + 150 G + 29 B) / 256.
      const l = (<u32>load<u8>(p) * 77 + <u32>load<u8>(p, 1) * 150 + <u32>load<u8>(p, 2) * 29) >> 8;
      const slot = histogram + (<usize>l << 2);
      store<u32>(slot, load<u32>(slot) + 1);
      p += 4;
    }
  }
  const total = <f64>rw * <f64>rh;
  let e: f64 = 0.0;
  for (let i = 0; i < 256; i++) {
    const c = load<u32>(histogram + (<usize>i << 2));
    if (c == 0) continue;
    const p = <f64>c / total;
    e -= p * Math.log2(p);
  }
  return e;
}

const SLICE: i32 = 10;
let smartX: i32 = 0;
let smartY: i32 = 0;

/**
 * Finds the tw × th window to keep: repeatedly drops whichever edge slice (up to 10 px) has the
 * lower entropy, first horizontally, then vertically. Read the result with smartCropX/Y.
 */
export function smartCrop(src: usize, w: i32, h: i32, tw: i32, th: i32): void {
  let left = 0;
  let right = w;
  while (right - left > tw) {
    const slice = min(SLICE, right - left - tw);
    if (entropy(src, w, left, 0, slice, h) < entropy(src, w, right - slice, 0, slice, h)) left += slice;
    else right -= slice;
  }
  let top = 0;
  let bottom = h;
  while (bottom - top > th) {
    const slice = min(SLICE, bottom - top - th);
    if (entropy(src, w, left, top, tw, slice) < entropy(src, w, left, bottom - slice, tw, slice)) top += slice;
    else bottom -= slice;
  }
  smartX = left;
  smartY = top;
}

export function smartCropX(): i32 {
  return smartX;
}

export function smartCropY(): i32 {
  return smartY;
}
