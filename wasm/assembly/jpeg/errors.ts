// Error codes returned by jpegInfo / reported by jpegError() (0 = ok).
//
//   0  JPEG_OK
//  -1  JPEG_ERR_NOT_JPEG      input does not start with SOI (FF D8)
//  -2  JPEG_ERR_UNSUPPORTED   lossless, hierarchical, 12/16-bit samples,
//                             2 or >4 components, DNL-defined height
//  -3  JPEG_ERR_CORRUPT       malformed marker segment, bad table reference, invalid Huffman code
//                             inside the entropy-coded data, missing SOF before SOS
//  -4  JPEG_ERR_TRUNCATED     the data ends before any image data (inside the headers); a file
//                             cut off inside the entropy-coded data still decodes (missing part grey)
//  -5  JPEG_ERR_TOO_LARGE     width or height 0, or the output / working memory would exceed 256 MB
//  -6  JPEG_ERR_BAD_ARGUMENT  scaleDenom not in {1, 2, 4, 8}, negative length, negative expected size
//                             or only one side of it
//  -7  JPEG_ERR_NOT_DECLARED  the frame header (SOF) is not the expected width × height
//  -8  JPEG_ERR_STOPPED       the row pipeline refused the rows (its own error says why)
export const JPEG_OK: i32 = 0;
export const JPEG_ERR_NOT_JPEG: i32 = -1;
export const JPEG_ERR_UNSUPPORTED: i32 = -2;
export const JPEG_ERR_CORRUPT: i32 = -3;
export const JPEG_ERR_TRUNCATED: i32 = -4;
export const JPEG_ERR_TOO_LARGE: i32 = -5;
export const JPEG_ERR_BAD_ARGUMENT: i32 = -6;
export const JPEG_ERR_NOT_DECLARED: i32 = -7;
export const JPEG_ERR_STOPPED: i32 = -8;
