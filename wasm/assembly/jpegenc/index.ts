// Baseline JPEG encoder (see encoder.ts).
//
//   jpegEncode(rgba, width, height, quality): usize   RGBA8 (alpha ignored, rows tightly packed)
//       -> a complete baseline JFIF file (YCbCr 4:2:0, IJG-scaled Annex K quantisation tables,
//       optimised Huffman tables) in a heap.alloc'd buffer the caller frees with free(); 0 on a bad
//       argument (null pointer, width/height outside 1..65535, quality outside 1..100) or an image
//       needing over 256 MB of working memory.
//   jpegEncodedLength(): i32   byte length of the last jpegEncode result (0 after an error)
import { encode, getEncodedLength } from "./encoder";

export function jpegEncode(rgba: usize, width: i32, height: i32, quality: i32): usize {
  return encode(rgba, width, height, quality);
}

export function jpegEncodedLength(): i32 {
  return getEncodedLength();
}
