// thumbsmith's WebP decoder: libwebp (wasm/vendor/libwebp) decoding the first frame of a WebP and
// handing its RGBA rows, one at a time, to the host (`webp_row`), which pushes them into the image
// core's row pipeline. No frame of the image is ever allocated here, at any scale:
//
// - Lossy (VP8): libwebp's own output stage (io_dec.c: fancy upsampling, or its rescaler when
//   scaling, and the alpha plane) writes each macroblock row's output lines into a WebPDecBuffer.
//   The buffer's rows pointer is moved before every such call so that the lines land in a strip of
//   STRIP_ROWS rows, which is then handed out. What libwebp's incremental decoder (WebPIDecoder)
//   would give instead is a whole output frame: 4 bytes per pixel of the scaled image.
// - Lossless (VP8L): the decoder keeps its whole ARGB frame by design (the cost model counts it);
//   its output rows all go through VP8LConvertBGRAToRGBA, which is replaced while it runs by one that
//   converts into a one-row buffer and hands the row out.
// - Animated: the first frame (WebPDemux) on its canvas, transparent outside the frame, as browsers
//   show it; the frame is decoded unscaled unless it covers the whole canvas.
//
// Memory comes from malloc in this instance's own memory, which the host creates with the request's
// reservation as its maximum: past it malloc fails and libwebp stops with OUT_OF_MEMORY.

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "src/dec/vp8i_dec.h"
#include "src/dec/vp8li_dec.h"
#include "src/dec/webpi_dec.h"
#include "src/dsp/lossless.h"
#include "src/webp/decode.h"
#include "src/webp/demux.h"

#define EXPORT(name) __attribute__((export_name(#name)))

// The host's row sink: 0 to go on, anything else stops the decode.
__attribute__((import_module("env"), import_name("webp_row"))) int webp_row(const uint8_t* row);

enum {
  WEBP_OK = 0,
  WEBP_CORRUPT = -1,
  WEBP_UNSUPPORTED = -2,
  WEBP_OUT_OF_MEMORY = -3,
  WEBP_TRUNCATED = -4,
  WEBP_STOPPED = -5,   // the host's sink refused a row
  WEBP_MISMATCH = -6,  // the image is not the size the caller expects
  WEBP_ARGUMENT = -7,
};

// A VP8 put call covers one macroblock row: at most 16 lines plus the loop filter's delay (8) and
// the fancy upsampler's (1); downscaling never gives more output lines than input lines.
#define STRIP_ROWS 32

static struct {
  uint8_t* canvas_row;  // a transparent canvas row, and the frame's row placed on it
  int canvas_width;
  int frame_x;
  int frame_width;
  int rows;  // rows handed out so far
  int stopped;
  int mismatch;  // libwebp handed out rows of another width than planned
  uint8_t* strip;
  VP8IoPutHook put;
  VP8LConvertFunc convert;
} sink;

// Whether the memory reached its maximum during this decode: libwebp reports some failed allocations
// as bitstream errors, and the host must tell a reservation that was too small from a corrupt file.
static int out_of_memory;

// malloc's source of memory (replacing wasi-libc's own sbrk, which is the same but for the flag).
void* sbrk(intptr_t increment) {
  if (increment == 0) return (void*)(__builtin_wasm_memory_size(0) * 65536);
  if (increment < 0 || increment % 65536 != 0) {
    errno = EINVAL;
    return (void*)-1;
  }
  const size_t old = __builtin_wasm_memory_grow(0, (size_t)increment / 65536);
  if (old == SIZE_MAX) {
    out_of_memory = 1;
    errno = ENOMEM;
    return (void*)-1;
  }
  return (void*)(old * 65536);
}

static int Emit(const uint8_t* row) {
  if (sink.stopped) return 0;
  if (sink.canvas_row != NULL) {
    memcpy(sink.canvas_row + (size_t)sink.frame_x * 4, row, (size_t)sink.frame_width * 4);
    row = sink.canvas_row;
  }
  if (webp_row(row) != 0) {
    sink.stopped = 1;
    return 0;
  }
  sink.rows++;
  return 1;
}

static int EmitTransparent(int count) {
  memset(sink.canvas_row, 0, (size_t)sink.canvas_width * 4);
  for (int i = 0; i < count; i++) {
    if (sink.stopped || webp_row(sink.canvas_row) != 0) {
      sink.stopped = 1;
      return 0;
    }
    sink.rows++;
  }
  return 1;
}

static int StripPut(const VP8Io* io) {
  WebPDecParams* const p = (WebPDecParams*)io->opaque;
  WebPRGBABuffer* const buf = &p->output->u.RGBA;
  const int first = p->last_y;
  if (io->mb_h + 1 > STRIP_ROWS) return 0;
  // Line `first` (and those after it) are written at buf->rgba + line * stride: into the strip.
  buf->rgba = (uint8_t*)((uintptr_t)sink.strip - (uintptr_t)first * (uintptr_t)buf->stride);
  if (!sink.put(io)) return 0;
  for (int i = 0; i < p->last_y - first; i++) {
    if (!Emit(sink.strip + (size_t)i * buf->stride)) return 0;
  }
  return 1;
}

static void ConvertAndEmit(const uint32_t* src, int num_pixels, uint8_t* dst) {
  (void)dst;  // never written: the rows go out through the strip
  if (num_pixels != sink.frame_width) sink.mismatch = 1;
  if (sink.stopped || sink.mismatch) return;
  sink.convert(src, num_pixels, sink.strip);
  Emit(sink.strip);
}

static int Status(VP8StatusCode status) {
  switch (status) {
    case VP8_STATUS_OK: return WEBP_OK;
    case VP8_STATUS_OUT_OF_MEMORY: return WEBP_OUT_OF_MEMORY;
    case VP8_STATUS_UNSUPPORTED_FEATURE: return WEBP_UNSUPPORTED;
    case VP8_STATUS_NOT_ENOUGH_DATA: return WEBP_TRUNCATED;
    case VP8_STATUS_SUSPENDED:
    case VP8_STATUS_USER_ABORT:
    case VP8_STATUS_INVALID_PARAM:
    case VP8_STATUS_BITSTREAM_ERROR:
    default: return WEBP_CORRUPT;
  }
}

// Decodes the frame in `data` (a VP8/VP8L bitstream with its ALPH chunk, as WebPParseHeaders reads
// it) at out_width × out_height, handing out its rows.
static int DecodeFrame(const uint8_t* data, size_t size, int width, int height, int out_width, int out_height) {
  WebPHeaderStructure headers;
  memset(&headers, 0, sizeof(headers));
  headers.data = data;
  headers.data_size = size;
  headers.have_all_data = 1;
  VP8StatusCode status = WebPParseHeaders(&headers);
  if (status != VP8_STATUS_OK) return Status(status);

  WebPDecoderOptions options;
  memset(&options, 0, sizeof(options));
  if (out_width != width || out_height != height) {
    options.use_scaling = 1;
    options.scaled_width = out_width;
    options.scaled_height = out_height;
  }
  WebPDecBuffer output;
  if (!WebPInitDecBuffer(&output)) return WEBP_ARGUMENT;
  output.colorspace = MODE_RGBA;
  output.is_external_memory = 1;
  // The buffer libwebp checks is as large as the output; its lines only ever land in the strip.
  output.u.RGBA.rgba = sink.strip;
  output.u.RGBA.stride = out_width * 4;
  output.u.RGBA.size = (size_t)out_width * 4 * out_height;

  WebPDecParams params;
  WebPResetDecParams(&params);
  params.output = &output;
  params.options = &options;
  VP8Io io;
  if (!VP8InitIo(&io)) return WEBP_ARGUMENT;
  io.data = headers.data + headers.offset;
  io.data_size = headers.data_size - headers.offset;
  WebPInitCustomIo(&params, &io);

  if (!headers.is_lossless) {
    VP8Decoder* const dec = VP8New();
    if (dec == NULL) return WEBP_OUT_OF_MEMORY;
    dec->alpha_data_ = headers.alpha_data;
    dec->alpha_data_size_ = headers.alpha_data_size;
    sink.put = io.put;
    io.put = StripPut;
    if (!VP8GetHeaders(dec, &io)) {
      status = dec->status_;
    } else if (io.width != width || io.height != height) {
      VP8Delete(dec);
      return WEBP_MISMATCH;
    } else {
      status = WebPAllocateDecBuffer(io.width, io.height, &options, &output);
      if (status == VP8_STATUS_OK && !VP8Decode(dec, &io)) status = dec->status_;
    }
    VP8Delete(dec);
  } else {
    VP8LDecoder* const dec = VP8LNew();
    if (dec == NULL) return WEBP_OUT_OF_MEMORY;
    if (!VP8LDecodeHeader(dec, &io)) {
      status = dec->status_;
    } else if (io.width != width || io.height != height) {
      VP8LDelete(dec);
      return WEBP_MISMATCH;
    } else {
      status = WebPAllocateDecBuffer(io.width, io.height, &options, &output);
      if (status == VP8_STATUS_OK) {
        sink.convert = VP8LConvertBGRAToRGBA;
        VP8LConvertBGRAToRGBA = ConvertAndEmit;
        if (!VP8LDecodeImage(dec)) status = dec->status_;
        VP8LConvertBGRAToRGBA = sink.convert;
      }
    }
    VP8LDelete(dec);
  }
  if (sink.mismatch) return WEBP_MISMATCH;
  if (sink.stopped) return WEBP_STOPPED;
  return Status(status);
}

// Decodes the first frame of the WebP file in data[0, size) (a still image, or an animation's first
// frame on its canvas) to out_width × out_height RGBA rows, handed to webp_row one by one, top to
// bottom. The canvas must be width × height (what the caller's probe read and reserved memory for).
// An animation's first frame that does not cover its canvas is only decoded at full size.
EXPORT(webp_decode)
int webp_decode(const uint8_t* data, size_t size, int width, int height, int out_width, int out_height) {
  memset(&sink, 0, sizeof(sink));
  out_of_memory = 0;
  if (width <= 0 || height <= 0 || out_width <= 0 || out_height <= 0 || out_width > width || out_height > height) {
    return WEBP_ARGUMENT;
  }
  WebPBitstreamFeatures features;
  VP8StatusCode status = WebPGetFeatures(data, size, &features);
  if (status != VP8_STATUS_OK) return Status(status);
  if (features.width != width || features.height != height) return WEBP_MISMATCH;

  const uint8_t* frame = data;
  size_t frame_size = size;
  int frame_x = 0, frame_y = 0, frame_width = width, frame_height = height;
  if (features.has_animation) {
    const WebPData whole = {data, size};
    WebPDemuxer* const demux = WebPDemux(&whole);
    if (demux == NULL) return WEBP_CORRUPT;
    WebPIterator it;
    if (!WebPDemuxGetFrame(demux, 1, &it)) {
      WebPDemuxDelete(demux);
      return WEBP_CORRUPT;
    }
    // The fragment points into `data`; the demuxer's own memory goes before decoding.
    frame = it.fragment.bytes;
    frame_size = it.fragment.size;
    frame_x = it.x_offset;
    frame_y = it.y_offset;
    frame_width = it.width;
    frame_height = it.height;
    WebPDemuxReleaseIterator(&it);
    WebPDemuxDelete(demux);
  }
  const int whole = frame_x == 0 && frame_y == 0 && frame_width == width && frame_height == height;
  if (!whole && (out_width != width || out_height != height)) return WEBP_ARGUMENT;
  const int decode_width = whole ? out_width : frame_width;

  sink.canvas_width = out_width;
  sink.frame_x = frame_x;
  sink.frame_width = decode_width;
  sink.strip = (uint8_t*)malloc((size_t)decode_width * 4 * STRIP_ROWS);
  sink.canvas_row = whole ? NULL : (uint8_t*)calloc((size_t)width, 4);
  int result = WEBP_OUT_OF_MEMORY;
  if (sink.strip != NULL && (whole || sink.canvas_row != NULL)) {
    result = whole || EmitTransparent(frame_y) ? WEBP_OK : WEBP_STOPPED;
    if (result == WEBP_OK) {
      result = whole ? DecodeFrame(frame, frame_size, width, height, out_width, out_height)
                     : DecodeFrame(frame, frame_size, frame_width, frame_height, frame_width, frame_height);
    }
    if (result == WEBP_OK && !whole && !EmitTransparent(height - frame_y - frame_height)) result = WEBP_STOPPED;
    if (result == WEBP_OK && sink.rows != out_height) result = WEBP_CORRUPT;
  }
  free(sink.strip);
  free(sink.canvas_row);
  sink.strip = NULL;
  sink.canvas_row = NULL;
  return result != WEBP_OK && result != WEBP_STOPPED && out_of_memory ? WEBP_OUT_OF_MEMORY : result;
}

// The host's copy of the source goes here; it is freed with the whole instance.
EXPORT(webp_alloc)
void* webp_alloc(size_t size) { return malloc(size); }
