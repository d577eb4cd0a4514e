/*
 * thumbsmith's AV1 encoder: libaom in all-intra mode encodes a thumbnail's colour (8-bit 4:2:0, BT.601
 * full range) and, when it has one, its alpha plane (monochrome) as still AV1 pictures; the AVIF
 * container around them is written in TypeScript (src/pipeline/avif-writer.ts).
 *
 * It lives in the same module, and so the same heap, as the dav1d decoder (wasm/dav1d/avif.c): an
 * AVIF source thumbnailed to AVIF frees dav1d's pictures and then encodes into that memory, where two
 * instances would each hold their peak until the collector ran (the 24 MP AVIF -> AVIF case).
 *
 *   av1e_begin(w, h, alpha): u8*   planes for a w x h picture; returns a buffer for two RGBA rows
 *   av1e_rows(y, n)                 converts the buffer's n (1 or 2) rows into the planes at row y (even)
 *   av1e_encode(alpha, q, speed)    encodes the colour planes or the alpha plane: its size, or < 0
 *                                   (-2: an allocation failed, the instance's memory was too small)
 *   av1e_output(): u8*              the last encoded picture (AV1 OBUs, as libaom writes them)
 *   av1e_out_of_memory()            1 when an allocation failed since av1e_begin/av1e_encode began
 *   av1e_end()                      frees the planes, the output and the encoder
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aom/aom_encoder.h"
#include "aom/aomcx.h"

#define EXPORT(name) __attribute__((export_name(#name)))

enum {
    AV1E_ERR_ARGUMENT = -1,
    AV1E_ERR_MEMORY = -2,
    AV1E_ERR_CONFIG = -3,
    AV1E_ERR_ENCODE = -4,
};

static int width, height;
static uint8_t *planes[4]; /* Y, U, V, alpha */
static int strides[4];
static uint8_t *rows;
static uint8_t *output;
static size_t output_size, output_capacity;

EXPORT(av1e_end) void av1e_end(void) {
    for (int i = 0; i < 4; i++) {
        free(planes[i]);
        planes[i] = NULL;
    }
    free(rows);
    free(output);
    rows = output = NULL;
    output_size = output_capacity = 0;
    width = height = 0;
}

/*
 * Set when an allocation fails (dav1d's too: it shares the heap), cleared by av1e_begin and
 * av1e_encode. libaom unwinds from most failed allocations (the setjmp.h here traps), but not all: its
 * entropy coder's final realloc failing leaves an empty tile in a stream it still reports as encoded.
 * A picture encoded while any allocation failed is not returned.
 */
static int allocation_failed;

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);

void *__wrap_malloc(size_t size) {
    void *p = __real_malloc(size);
    if (!p && size) allocation_failed = 1;
    return p;
}

void *__wrap_calloc(size_t count, size_t size) {
    void *p = __real_calloc(count, size);
    if (!p && count && size) allocation_failed = 1;
    return p;
}

void *__wrap_realloc(void *old, size_t size) {
    void *p = __real_realloc(old, size);
    if (!p && size) allocation_failed = 1;
    return p;
}

/* Whether an allocation failed since av1e_begin or av1e_encode last began: after a trap, whether it was one. */
EXPORT(av1e_out_of_memory) int av1e_out_of_memory(void) {
    return allocation_failed;
}

EXPORT(av1e_begin) uint8_t *av1e_begin(int w, int h, int alpha) {
    av1e_end();
    allocation_failed = 0;
    /* The planes' sizes must not wrap in 32 bits: at most 2^26 pixels (AV1 levels stop at 35.6 MP). */
    if (w <= 0 || h <= 0 || (uint64_t)w * (uint64_t)h > (1u << 26)) return NULL;
    width = w;
    height = h;
    const int cw = (w + 1) >> 1, ch = (h + 1) >> 1;
    strides[0] = strides[3] = w;
    strides[1] = strides[2] = cw;
    planes[0] = malloc((size_t)w * (size_t)h);
    planes[1] = malloc((size_t)cw * (size_t)ch);
    planes[2] = malloc((size_t)cw * (size_t)ch);
    planes[3] = alpha ? malloc((size_t)w * (size_t)h) : NULL;
    rows = malloc((size_t)w * 8);
    if (!planes[0] || !planes[1] || !planes[2] || (alpha && !planes[3]) || !rows) {
        av1e_end();
        return NULL;
    }
    return rows;
}

/* BT.601 in 16.16 fixed point; chroma from the 2x2 block's summed RGB (so /4 more), both rounded. */
static inline uint8_t luma(int r, int g, int b) {
    return (uint8_t)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
}

static inline uint8_t clamp8(int v) {
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

EXPORT(av1e_rows) int av1e_rows(int y, int n) {
    if (!rows || y < 0 || (y & 1) || n < 1 || n > 2 || y + n > height) return AV1E_ERR_ARGUMENT;
    for (int i = 0; i < n; i++) {
        const uint8_t *src = rows + (size_t)width * 4 * (size_t)i;
        uint8_t *dst = planes[0] + (size_t)strides[0] * (size_t)(y + i);
        for (int x = 0; x < width; x++) dst[x] = luma(src[4 * x], src[4 * x + 1], src[4 * x + 2]);
        if (planes[3]) {
            uint8_t *a = planes[3] + (size_t)strides[3] * (size_t)(y + i);
            for (int x = 0; x < width; x++) a[x] = src[4 * x + 3];
        }
    }
    uint8_t *u = planes[1] + (size_t)strides[1] * (size_t)(y >> 1);
    uint8_t *v = planes[2] + (size_t)strides[2] * (size_t)(y >> 1);
    const uint8_t *top = rows, *bottom = rows + (n == 2 ? (size_t)width * 4 : 0);
    for (int x = 0; x < width; x += 2) {
        const int x2 = x + 1 < width ? x + 1 : x;
        const int r = top[4 * x] + top[4 * x2] + bottom[4 * x] + bottom[4 * x2];
        const int g = top[4 * x + 1] + top[4 * x2 + 1] + bottom[4 * x + 1] + bottom[4 * x2 + 1];
        const int b = top[4 * x + 2] + top[4 * x2 + 2] + bottom[4 * x + 2] + bottom[4 * x2 + 2];
        u[x >> 1] = clamp8(128 + ((-11059 * r - 21709 * g + 32768 * b + 131072) >> 18));
        v[x >> 1] = clamp8(128 + ((32768 * r - 27439 * g - 5329 * b + 131072) >> 18));
    }
    return 0;
}

static int append(const void *data, size_t size) {
    if (output_size + size > output_capacity) {
        size_t capacity = output_capacity ? output_capacity : 65536;
        while (capacity < output_size + size) capacity *= 2;
        uint8_t *grown = realloc(output, capacity);
        if (!grown) return 0;
        output = grown;
        output_capacity = capacity;
    }
    memcpy(output + output_size, data, size);
    output_size += size;
    return 1;
}

static int drain(aom_codec_ctx_t *codec) {
    aom_codec_iter_t iter = NULL;
    const aom_codec_cx_pkt_t *pkt;
    while ((pkt = aom_codec_get_cx_data(codec, &iter)) != NULL) {
        if (pkt->kind == AOM_CODEC_CX_FRAME_PKT && !append(pkt->data.frame.buf, pkt->data.frame.sz)) return 0;
    }
    return 1;
}

EXPORT(av1e_encode) int av1e_encode(int alpha, int quantizer, int speed) {
    if (!planes[0] || (alpha && !planes[3]) || quantizer < 0 || quantizer > 63 || speed < 0 || speed > 9) return AV1E_ERR_ARGUMENT;
    output_size = 0;
    allocation_failed = 0;
    aom_codec_iface_t *iface = aom_codec_av1_cx();
    aom_codec_enc_cfg_t cfg;
    if (aom_codec_enc_config_default(iface, &cfg, AOM_USAGE_ALL_INTRA) != AOM_CODEC_OK) return AV1E_ERR_CONFIG;
    cfg.g_w = (unsigned)width;
    cfg.g_h = (unsigned)height;
    cfg.g_threads = 1;
    cfg.g_limit = 1;
    cfg.g_lag_in_frames = 0;
    cfg.g_profile = 0;
    cfg.g_bit_depth = AOM_BITS_8;
    cfg.g_input_bit_depth = 8;
    cfg.monochrome = alpha ? 1 : 0;
    cfg.rc_end_usage = AOM_Q;
    cfg.rc_min_quantizer = (unsigned)quantizer;
    cfg.rc_max_quantizer = (unsigned)quantizer;

    aom_image_t image;
    if (alpha) {
        /* A monochrome stream still takes 4:2:0 input: the chroma planes are given but never read. */
        if (!aom_img_wrap(&image, AOM_IMG_FMT_I420, (unsigned)width, (unsigned)height, 1, planes[3])) return AV1E_ERR_ARGUMENT;
        image.planes[AOM_PLANE_U] = planes[1];
        image.planes[AOM_PLANE_V] = planes[2];
        image.stride[AOM_PLANE_Y] = strides[3];
        image.monochrome = 1;
    } else {
        if (!aom_img_wrap(&image, AOM_IMG_FMT_I420, (unsigned)width, (unsigned)height, 1, planes[0])) return AV1E_ERR_ARGUMENT;
        image.planes[AOM_PLANE_U] = planes[1];
        image.planes[AOM_PLANE_V] = planes[2];
        image.stride[AOM_PLANE_Y] = strides[0];
    }
    image.stride[AOM_PLANE_U] = strides[1];
    image.stride[AOM_PLANE_V] = strides[2];
    image.range = AOM_CR_FULL_RANGE;
    image.cp = AOM_CICP_CP_BT_709;
    image.tc = AOM_CICP_TC_SRGB;
    image.mc = AOM_CICP_MC_BT_601;

    aom_codec_ctx_t codec;
    if (aom_codec_enc_init(&codec, iface, &cfg, 0) != AOM_CODEC_OK) return allocation_failed ? AV1E_ERR_MEMORY : AV1E_ERR_CONFIG;
    int ok = aom_codec_control(&codec, AOME_SET_CPUUSED, speed) == AOM_CODEC_OK &&
             aom_codec_control(&codec, AOME_SET_CQ_LEVEL, (unsigned)quantizer) == AOM_CODEC_OK &&
             aom_codec_control(&codec, AV1E_SET_COLOR_RANGE, AOM_CR_FULL_RANGE) == AOM_CODEC_OK &&
             /* As libavif (and jSquash, before this encoder) tunes still images: 7% fewer bytes than PSNR tuning. */
             aom_codec_control(&codec, AOME_SET_TUNING, AOM_TUNE_SSIM) == AOM_CODEC_OK &&
             (alpha || (aom_codec_control(&codec, AV1E_SET_COLOR_PRIMARIES, AOM_CICP_CP_BT_709) == AOM_CODEC_OK &&
                        aom_codec_control(&codec, AV1E_SET_TRANSFER_CHARACTERISTICS, AOM_CICP_TC_SRGB) == AOM_CODEC_OK &&
                        aom_codec_control(&codec, AV1E_SET_MATRIX_COEFFICIENTS, AOM_CICP_MC_BT_601) == AOM_CODEC_OK));
    int result = AV1E_ERR_CONFIG;
    if (ok) {
        result = AV1E_ERR_ENCODE;
        if (aom_codec_encode(&codec, &image, 0, 1, 0) == AOM_CODEC_OK && drain(&codec) &&
            aom_codec_encode(&codec, NULL, 0, 0, 0) == AOM_CODEC_OK && drain(&codec))
            result = output_size > 0 && output_size <= INT32_MAX ? (int)output_size : AV1E_ERR_ENCODE;
    }
    aom_codec_destroy(&codec);
    return allocation_failed ? AV1E_ERR_MEMORY : result;
}

EXPORT(av1e_output) uint8_t *av1e_output(void) {
    return output;
}
