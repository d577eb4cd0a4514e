// JPEG decoder (Huffman and arithmetic coding, sequential and progressive) with DCT-domain scaled
// decoding (1/1, 1/2, 1/4, 1/8). See decoder.ts.
//
//   jpegInfo(ptr, len): i32            parse headers up to SOF; returns 0 or an error code and sets
//                                      jpegWidth/jpegHeight (full size), jpegComponents, jpegProgressive
//   jpegDecode(ptr, len, scaleDenom, expectedWidth, expectedHeight)
//                                      decode to RGBA8 (alpha 255, rows tightly packed) of size
//                                      ceil(width/scaleDenom) × ceil(height/scaleDenom); returns a
//                                      heap.alloc'd pointer the caller frees with free(), or 0 on error
//                                      (jpegError() tells which). jpegWidth/jpegHeight give the scaled size.
//                                      A whole frame, for tests and tools: the service streams the rows
//                                      through a pipeline instead (pipe/index.ts, pipeRunJpeg).
//                                      expectedWidth/Height (both 0: any): the full frame size the
//                                      caller probed and reserved for; a SOF of another size fails with
//                                      JPEG_ERR_NOT_DECLARED before anything is allocated (a second SOF
//                                      is JPEG_ERR_CORRUPT).
//
// Error codes (jpegError(), jpegInfo's return value; also exported as the JPEG_* globals):
//    0 JPEG_OK
//   -1 JPEG_ERR_NOT_JPEG      no SOI marker
//   -2 JPEG_ERR_UNSUPPORTED   lossless, hierarchical, 12-bit, 2 or >4 components, DNL
//   -3 JPEG_ERR_CORRUPT       malformed marker segment or table, invalid Huffman code in the data
//   -4 JPEG_ERR_TRUNCATED     data ends inside the headers, before any image data (data cut inside the
//                             entropy-coded part decodes, the missing part grey)
//   -5 JPEG_ERR_TOO_LARGE     zero width, or output + working memory over 256 MB
//   -6 JPEG_ERR_BAD_ARGUMENT  scaleDenom not 1, 2, 4 or 8, negative length, negative expected size or
//                             only one side of it
//   -7 JPEG_ERR_NOT_DECLARED  the frame header is not expectedWidth × expectedHeight
//   -8 JPEG_ERR_STOPPED       the row pipeline refused the rows (its own error says why)
import { FrameSink, frameOrZero } from "../pipe/sinks";
import { resetPipeError } from "../pipe/stage";
import { decode, getComponents, getError, getHeight, getProgressive, getWidth, info } from "./decoder";

export {
  JPEG_ERR_BAD_ARGUMENT, JPEG_ERR_CORRUPT, JPEG_ERR_NOT_DECLARED, JPEG_ERR_NOT_JPEG, JPEG_ERR_STOPPED,
  JPEG_ERR_TOO_LARGE, JPEG_ERR_TRUNCATED, JPEG_ERR_UNSUPPORTED, JPEG_OK,
} from "./errors";

export function jpegDecode(ptr: usize, len: i32, scaleDenom: i32, expectedWidth: i32, expectedHeight: i32): usize {
  resetPipeError();
  const frame = new FrameSink(1);
  return frameOrZero(frame, decode(ptr, len, scaleDenom, expectedWidth, expectedHeight, frame));
}

export function jpegInfo(ptr: usize, len: i32): i32 {
  return info(ptr, len);
}

export function jpegWidth(): i32 {
  return getWidth();
}

export function jpegHeight(): i32 {
  return getHeight();
}

export function jpegError(): i32 {
  return getError();
}

export function jpegComponents(): i32 {
  return getComponents();
}

export function jpegProgressive(): i32 {
  return getProgressive();
}
