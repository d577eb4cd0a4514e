// Orientation, cropping, alpha handling and the entropy ("smart") crop on RGBA8 buffers.

/** Applies EXIF orientation 1–8; for 5–8 the result is h × w. Returns a new buffer. */
export function orient(src: usize, w: i32, h: i32, orientation: i32): usize {
  const n = <usize>w * <usize>h;
  const dst = heap.alloc(n << 2);
  const swap = orientation >= 5;
  const dw = swap ? h : w;
  const dh = swap ? w : h;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      let sx = x;
      let sy = y;
      switch (orientation) {
        case 2: sx = w - 1 - x; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        case 8: sx = w - 1 - y; sy = x; break;
        default: break;
      }
      store<u32>(dst + ((<usize>y * <usize>dw + <usize>x) << 2), load<u32>(src + ((<usize>sy * <usize>w + <usize>sx) << 2)));
    }
  }
  return dst;
}

/** Copies the cw × ch rectangle at (x, y) into a new buffer. */
export function crop(src: usize, w: i32, x: i32, y: i32, cw: i32, ch: i32): usize {
  const rowBytes = <usize>cw << 2;
  const dst = heap.alloc(rowBytes * <usize>ch);
  for (let r = 0; r < ch; r++) {
    memory.copy(dst + <usize>r * rowBytes, src + ((<usize>(y + r) * <usize>w + <usize>x) << 2), rowBytes);
  }
  return dst;
}

export function hasAlpha(src: usize, n: i32): bool {
  for (let i = 0; i < n; i++) {
    if (load<u8>(src + (<usize>i << 2) + 3) != 255) return true;
  }
  return false;
}

/** Composites onto an opaque background in place (for formats without alpha). */
export function flatten(src: usize, n: i32, r: i32, g: i32, b: i32): void {
  for (let i = 0; i < n; i++) {
    const p = src + (<usize>i << 2);
    const a = <i32>load<u8>(p, 3);
    if (a == 255) continue;
    const ia = 255 - a;
    store<u8>(p, <u8>((<i32>load<u8>(p) * a + r * ia + 127) / 255));
    store<u8>(p, <u8>((<i32>load<u8>(p, 1) * a + g * ia + 127) / 255), 1);
    store<u8>(p, <u8>((<i32>load<u8>(p, 2) * a + b * ia + 127) / 255), 2);
    store<u8>(p, 255, 3);
  }
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
