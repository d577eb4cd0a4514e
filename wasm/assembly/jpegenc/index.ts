// Baseline JPEG encoder (see encoder.ts). Other core modules encode through
// `JpegWriter` (import { JpegWriter } from "./jpegenc/encoder"), pushing rows as they produce them;
// it is kept out of this file so the class is not exported to JS.
//
//   jpegEncode(rgba, width, height, quality): usize   RGBA8 (alpha ignored, rows tightly packed)
//       -> a complete baseline JFIF file (YCbCr 4:2:0, IJG-scaled Annex K quantisation tables,
//       optimised Huffman tables) in a heap.alloc'd buffer the caller frees with free(); 0 on a bad
//       argument (null pointer, width/height outside 1..65535, quality outside 1..100) or an image
//       needing over 256 MB of working memory.
//   jpegEncodedLength(): i32   byte length of the last jpegEncode / jpegWriterFinish result (0 after
//       an error)
//
// JpegWriter's row-push interface for tests and benchmarks, one writer at a time (a new one
// abandons the previous): jpegWriterNew(width, height, quality), jpegWriterWriteRow(rgba) with
// `height` rows of `width` RGBA8 pixels, then jpegWriterFinish(), which returns what jpegEncode
// would have.
import { JpegWriter, validArguments } from "./encoder";

let encodedLength = 0;
let rowWriter: JpegWriter | null = null; // the jpegWriter* exports' one writer

export function jpegEncode(rgba: usize, width: i32, height: i32, quality: i32): usize {
  encodedLength = 0;
  if (rgba == 0 || !validArguments(width, height, quality)) return 0;
  const writer = new JpegWriter(width, height, quality);
  const stride = <usize>width << 2;
  for (let y = 0; y < height; y++) writer.writeRow(rgba + <usize>y * stride);
  const out = writer.finish();
  encodedLength = writer.length;
  return out;
}

export function jpegEncodedLength(): i32 {
  return encodedLength;
}

export function jpegWriterNew(width: i32, height: i32, quality: i32): void {
  const previous = rowWriter;
  if (previous) previous.dispose();
  rowWriter = new JpegWriter(width, height, quality);
}

export function jpegWriterWriteRow(rgba: usize): void {
  const writer = rowWriter;
  if (writer) writer.writeRow(rgba);
}

export function jpegWriterFinish(): usize {
  encodedLength = 0;
  const writer = rowWriter;
  if (!writer) return 0;
  rowWriter = null;
  const out = writer.finish();
  encodedLength = writer.length;
  return out;
}
