// GIF decoder (GIF87a / GIF89a): the first frame, composited onto the logical screen. See decoder.ts.
//
//   gifDecode(ptr, len): usize   decode to RGBA8 (rows tightly packed) of the logical screen size
//                                (gifWidth() × gifHeight(), from the Logical Screen Descriptor): the
//                                first image's pixels inside its rectangle (clipped to the screen),
//                                alpha 255, except the Graphic Control Extension's transparent colour
//                                index; everything else transparent (all four bytes 0). Returns a
//                                heap.alloc'd pointer the caller frees with free(), or 0 on error
//                                (gifError() tells which).
//   gifWidth(), gifHeight()      logical screen size (set once the screen descriptor is read, else 0)
//   gifError()                   0 or an error code of the last gifDecode
//
// Error codes (gifError(); also exported as the GIF_* globals):
//    0 GIF_OK
//   -1 GIF_ERR_NOT_GIF     shorter than 6 bytes or no "GIF87a" / "GIF89a" signature
//   -2 GIF_ERR_CORRUPT     unknown block introducer or trailer before the first image, LZW minimum
//                          code size outside 1..8 (the spec says 2..8; 1 is tolerated)
//   -3 GIF_ERR_TRUNCATED   the data ends before the first image's LZW minimum code size byte (inside the
//                          screen descriptor, a colour table, an extension or the image descriptor). A file
//                          cut inside the image data still decodes: the missing pixels are transparent.
//                          An invalid LZW code in the image data is treated the same way (end of data).
//   -4 GIF_ERR_TOO_LARGE   logical screen width or height 0, or an index frame over 256 MB
//   -5 GIF_ERR_STOPPED     the row pipeline refused the rows (its own error says why)
import { FrameSink, frameOrZero } from "../pipe/sinks";
import { resetPipeError } from "../pipe/stage";
import { decode, getError, getHeight, getWidth } from "./decoder";

export {
  GIF_ERR_CORRUPT, GIF_ERR_NOT_GIF, GIF_ERR_STOPPED, GIF_ERR_TOO_LARGE, GIF_ERR_TRUNCATED, GIF_OK,
} from "./errors";

/** A whole frame, for tests and tools: the service streams rows instead (pipe/index.ts, pipeRunGif). */
export function gifDecode(ptr: usize, len: i32): usize {
  resetPipeError();
  const frame = new FrameSink(1);
  return frameOrZero(frame, decode(ptr, len, frame));
}

export function gifWidth(): i32 {
  return getWidth();
}

export function gifHeight(): i32 {
  return getHeight();
}

export function gifError(): i32 {
  return getError();
}
