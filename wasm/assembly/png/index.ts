// PNG decoder (PNG specification, 2nd edition / ISO 15948; zlib RFC 1950, deflate RFC 1951):
// every colour type and bit depth, tRNS, Adam7. See decoder.ts (chunks, rows) and inflate.ts.
//
//   pngDecode(ptr, len): usize   decode to RGBA8 (pngWidth() × pngHeight(), rows tightly packed).
//                                16-bit samples keep their high byte; 1/2/4-bit grey is scaled to
//                                0..255; tRNS gives palette alpha or a grey / RGB colour key (alpha 0
//                                where the full-precision sample equals the key). Returns a
//                                heap.alloc'd pointer the caller frees with free(), or 0 on error
//                                (pngError() tells which). The input is only read, never at or past
//                                ptr + len; CRCs and the Adler-32 are not checked.
//                                Incomplete images: if the IDAT data ends early (file cut, missing
//                                IDAT continuation) the pixels decoded so far are kept and the rest is
//                                transparent black (all four bytes 0); the same holds for corrupt
//                                zlib data or a bad filter type once at least one row has been
//                                output. pngError() is then 0 (as for gifDecode).
//   pngWidth(), pngHeight()      image size (set once IHDR is read, else 0)
//   pngError()                   0 or an error code of the last pngDecode
//
// Error codes (pngError(); also exported as the PNG_* globals):
//    0 PNG_OK
//   -1 PNG_ERR_NOT_PNG       shorter than 8 bytes or no PNG signature
//   -2 PNG_ERR_CORRUPT       IHDR missing / not first / wrong length / repeated before the IDAT data,
//                            width or height over 2^31 - 1,
//                            invalid colour type + bit depth, palette image without a valid PLTE
//                            (1..256 entries), a chunk length over 2^31 - 1 before the IDAT data, bad
//                            zlib header check bits, or (before any row was output) invalid deflate
//                            data (block type 3, over-subscribed or incomplete-and-hit Huffman code,
//                            bad code lengths, distance too far back, stored-block LEN/NLEN mismatch)
//                            or a filter type over 4
//   -3 PNG_ERR_TRUNCATED     the data ends before the first IDAT data byte (in IHDR or its CRC, PLTE,
//                            tRNS or any other chunk before IDAT, or no IDAT at all before IEND / the
//                            end)
//   -4 PNG_ERR_TOO_LARGE     width or height 0, RGBA output over 256 MB, or a scanline over 16 MB
//                            (checked from IHDR alone, so decompression bombs cost nothing)
//   -5 PNG_ERR_UNSUPPORTED   compression / filter method not 0, interlace method over 1, zlib
//                            compression method not 8 or a preset dictionary (FDICT)
//   -6 PNG_ERR_STOPPED       the row pipeline refused the rows (its own error says why)
import { FrameSink, frameOrZero } from "../pipe/sinks";
import { resetPipeError } from "../pipe/stage";
import { decode, getError, getHeight, getWidth } from "./decoder";

export {
  PNG_ERR_CORRUPT, PNG_ERR_NOT_PNG, PNG_ERR_STOPPED, PNG_ERR_TOO_LARGE, PNG_ERR_TRUNCATED, PNG_ERR_UNSUPPORTED, PNG_OK,
} from "./errors";

/** A whole frame, for tests and tools: the service streams rows instead (pipe/index.ts, pipeRunPng). */
export function pngDecode(ptr: usize, len: i32): usize {
  resetPipeError();
  const frame = new FrameSink(1);
  return frameOrZero(frame, decode(ptr, len, frame));
}

export function pngWidth(): i32 {
  return getWidth();
}

export function pngHeight(): i32 {
  return getHeight();
}

export function pngError(): i32 {
  return getError();
}
