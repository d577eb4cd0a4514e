/*
 * thumbsmith's AV1 module: dav1d decodes the AV1 items of an AVIF file (the container is parsed in
 * TypeScript, src/pipeline/avif.ts), keeps each decoded picture as dav1d gives it (planar YUV, 8 or
 * 16 bits per sample: 1.5 bytes per pixel for 8-bit 4:2:0) and converts one row at a time to RGBA8
 * for the image core's resampler. No RGBA frame of the source ever exists.
 *
 * One instance serves one request at a time (pool.ts); its memory is imported, sized by the request's
 * reservation, so an allocation past it fails inside dav1d (ENOMEM) instead of growing the isolate.
 *
 *   avif_input(size): u8*           a buffer for one item's AV1 data (JS writes it, avif_decode takes it)
 *   avif_decode(slot, maxPixels)    decodes the buffer's first frame into `slot`: 0 or a negative code
 *   avif_info(slot, field)          the picture's width, height, bit depth, layout, range, matrix...
 *   avif_color(matrix, full, bpc)   the YUV->RGB conversion the next rows use
 *   avif_alpha(full, bpc)           how an alpha picture's luma maps to 0..255
 *   avif_scratch(size): u8*         a buffer for rows on their way out (freed by avif_release)
 *   avif_row(slot, y, dst, n, a)    RGBA8 of the first n pixels of row y (alpha from slot a, or opaque)
 *   avif_finish()                   frees the decoder's own state, keeping the pictures
 *   avif_release()                  frees the pictures
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dav1d/dav1d.h"

#define EXPORT(name) __attribute__((export_name(#name)))

enum {
    AVIF_ERR_OPEN = -1,
    AVIF_ERR_DECODE = -2,
    AVIF_ERR_NO_PICTURE = -3,
    AVIF_ERR_MEMORY = -4,
    AVIF_ERR_ARGUMENT = -5,
};

#define MAX_SLOTS 4096

static Dav1dContext *decoder;
static Dav1dData input;
static Dav1dPicture *pictures;
static int slots;

/* Conversion tables in 16.16 fixed point, indexed by the sample value (up to 12 bits). */
#define TABLE 4096
static int32_t *tables;
#define Y_TAB (tables)
#define CR_R (tables + TABLE)
#define CB_B (tables + 2 * TABLE)
#define CR_G (tables + 3 * TABLE)
#define CB_G (tables + 4 * TABLE)
#define ALPHA (tables + 5 * TABLE)
static int identity;
/* Rows of one picture widened to 16 bits: luma, chroma interpolated vertically (x4), alpha. */
static uint16_t *line_y, *line_a;
static int32_t *line_u, *line_v;
static int line_width;
static uint8_t *scratch;

static void no_log(void *cookie, const char *format, va_list ap) {
    (void)cookie;
    (void)format;
    (void)ap;
}

static int error_code(int res) {
    return res == DAV1D_ERR(ENOMEM) ? AVIF_ERR_MEMORY : AVIF_ERR_DECODE;
}

EXPORT(avif_input) uint8_t *avif_input(size_t size) {
    dav1d_data_unref(&input);
    return dav1d_data_create(&input, size);
}

static int open_decoder(unsigned max_pixels) {
    if (decoder) dav1d_close(&decoder);
    Dav1dSettings s;
    dav1d_default_settings(&s);
    /* Synchronous: one thread, one frame in flight (the pthread stubs rely on it). */
    s.n_threads = 1;
    s.max_frame_delay = 1;
    s.all_layers = 0;
    /* What ispe declared and the budget reserved for: dav1d refuses a larger frame before allocating it. */
    s.frame_size_limit = max_pixels;
    s.logger.callback = no_log;
    return dav1d_open(&decoder, &s);
}

EXPORT(avif_decode) int avif_decode(int slot, unsigned max_pixels) {
    if (slot < 0 || slot >= MAX_SLOTS || !input.sz) return AVIF_ERR_ARGUMENT;
    if (slot >= slots) {
        int n = slot + 1;
        Dav1dPicture *grown = realloc(pictures, sizeof(Dav1dPicture) * (size_t)n);
        if (!grown) return AVIF_ERR_MEMORY;
        memset(grown + slots, 0, sizeof(Dav1dPicture) * (size_t)(n - slots));
        pictures = grown;
        slots = n;
    }
    dav1d_picture_unref(&pictures[slot]);
    /* Every item is a still picture of its own (a grid tile, an alpha plane): a fresh decoder each. */
    int res = open_decoder(max_pixels);
    if (res < 0) return res == DAV1D_ERR(ENOMEM) ? AVIF_ERR_MEMORY : AVIF_ERR_OPEN;
    Dav1dPicture *pic = &pictures[slot];
    for (;;) {
        if (input.sz) {
            res = dav1d_send_data(decoder, &input);
            if (res < 0 && res != DAV1D_ERR(EAGAIN)) return error_code(res);
        }
        res = dav1d_get_picture(decoder, pic);
        if (res == 0) break;
        if (res != DAV1D_ERR(EAGAIN)) return error_code(res);
        if (!input.sz) return AVIF_ERR_NO_PICTURE;
    }
    dav1d_data_unref(&input);
    return 0;
}

/* The decoder's frame contexts and reference buffers go; the pictures handed out stay referenced. */
EXPORT(avif_finish) void avif_finish(void) {
    dav1d_data_unref(&input);
    if (decoder) dav1d_close(&decoder);
}

EXPORT(avif_scratch) uint8_t *avif_scratch(size_t size) {
    free(scratch);
    scratch = malloc(size);
    return scratch;
}

EXPORT(avif_release) void avif_release(void) {
    avif_finish();
    free(scratch);
    scratch = NULL;
    for (int i = 0; i < slots; i++) dav1d_picture_unref(&pictures[i]);
    free(pictures);
    pictures = NULL;
    slots = 0;
    free(tables);
    tables = NULL;
    free(line_y);
    free(line_a);
    free(line_u);
    free(line_v);
    line_y = line_a = NULL;
    line_u = line_v = NULL;
    line_width = 0;
}

enum {
    INFO_WIDTH = 0,
    INFO_HEIGHT = 1,
    INFO_BPC = 2,
    INFO_LAYOUT = 3, /* 0 mono, 1 4:2:0, 2 4:2:2, 3 4:4:4 */
    INFO_FULL_RANGE = 4,
    INFO_MATRIX = 5,
    INFO_PRIMARIES = 6,
    INFO_TRANSFER = 7,
};

EXPORT(avif_info) int avif_info(int slot, int field) {
    if (slot < 0 || slot >= slots || !pictures[slot].data[0]) return -1;
    const Dav1dPicture *p = &pictures[slot];
    switch (field) {
    case INFO_WIDTH: return p->p.w;
    case INFO_HEIGHT: return p->p.h;
    case INFO_BPC: return p->p.bpc;
    case INFO_LAYOUT: return (int)p->p.layout;
    case INFO_FULL_RANGE: return p->seq_hdr->color_range;
    case INFO_MATRIX: return (int)p->seq_hdr->mtrx;
    case INFO_PRIMARIES: return (int)p->seq_hdr->pri;
    case INFO_TRANSFER: return (int)p->seq_hdr->trc;
    default: return -1;
    }
}

static int ensure_tables(void) {
    if (!tables) tables = malloc(sizeof(int32_t) * TABLE * 6);
    return tables != NULL;
}

static int32_t fixed(double v) {
    return (int32_t)(v * 65536.0 + (v < 0 ? -0.5 : 0.5));
}

/*
 * Kr and Kb of the matrix coefficients (ITU-T H.273); what has none of its own (unspecified,
 * reserved, YCgCo, chromaticity-derived) is read as BT.601, as libavif does.
 */
static void coefficients(int matrix, double *kr, double *kb) {
    switch (matrix) {
    case 1: *kr = 0.2126; *kb = 0.0722; break;          /* BT.709 */
    case 4: *kr = 0.30; *kb = 0.11; break;               /* FCC */
    case 7: *kr = 0.212; *kb = 0.087; break;             /* SMPTE 240M */
    case 9: case 10: *kr = 0.2627; *kb = 0.0593; break;  /* BT.2020 */
    default: *kr = 0.299; *kb = 0.114; break;            /* BT.601 */
    }
}

EXPORT(avif_color) int avif_color(int matrix, int full, int bpc) {
    if (bpc < 8 || bpc > 12 || !ensure_tables()) return AVIF_ERR_ARGUMENT;
    const int max = (1 << bpc) - 1;
    const double scale = (double)(1 << (bpc - 8));
    const double y0 = full ? 0 : 16 * scale, yr = full ? max : 219 * scale;
    const double c0 = (double)(1 << (bpc - 1)), cr = full ? max : 224 * scale;
    double kr, kb;
    coefficients(matrix, &kr, &kb);
    const double kg = 1 - kr - kb;
    identity = matrix == 0;
    for (int v = 0; v < TABLE; v++) {
        const double y = (v - y0) / yr * 255;
        /* Identity (GBR): every plane is a colour channel, scaled as luma. */
        const double c = identity ? y : (v - c0) / cr * 255;
        Y_TAB[v] = fixed(y) + 32768;
        CR_R[v] = fixed(2 * (1 - kr) * c);
        CB_B[v] = fixed(2 * (1 - kb) * c);
        CR_G[v] = fixed(-2 * kr * (1 - kr) / kg * c);
        CB_G[v] = fixed(-2 * kb * (1 - kb) / kg * c);
    }
    return 0;
}

EXPORT(avif_alpha) int avif_alpha(int full, int bpc) {
    if (bpc < 8 || bpc > 12 || !ensure_tables()) return AVIF_ERR_ARGUMENT;
    const int max = (1 << bpc) - 1;
    const double scale = (double)(1 << (bpc - 8));
    const double a0 = full ? 0 : 16 * scale, ar = full ? max : 219 * scale;
    for (int v = 0; v < TABLE; v++) {
        const double a = (v - a0) / ar * 255 + 0.5;
        ALPHA[v] = a < 0 ? 0 : a > 255 ? 255 : (int32_t)a;
    }
    return 0;
}

static int ensure_lines(int width) {
    if (width <= line_width) return 1;
    free(line_y);
    free(line_a);
    free(line_u);
    free(line_v);
    line_y = malloc(sizeof(uint16_t) * (size_t)width);
    line_a = malloc(sizeof(uint16_t) * (size_t)width);
    /* Chroma rows with one sample of margin each side for the horizontal filter. */
    line_u = malloc(sizeof(int32_t) * (size_t)(width + 2));
    line_v = malloc(sizeof(int32_t) * (size_t)(width + 2));
    line_width = line_y && line_a && line_u && line_v ? width : 0;
    return line_width != 0;
}

static inline int sample(const void *row, int hbd, int x) {
    return hbd ? ((const uint16_t *)row)[x] : ((const uint8_t *)row)[x];
}

static void widen(uint16_t *dst, const void *row, int hbd, int n) {
    if (hbd) memcpy(dst, row, sizeof(uint16_t) * (size_t)n);
    else
        for (int x = 0; x < n; x++) dst[x] = ((const uint8_t *)row)[x];
}

/*
 * Chroma row `cy` of subsampled chroma, blended 3:1 with its neighbour towards luma row `y` (the
 * triangle filter libjpeg and libyuv use for centred chroma), times 4; times 4 too when not
 * subsampled vertically, so every layout comes out at the same scale.
 */
static void chroma_rows(const Dav1dPicture *p, int plane, int y, int cw, int ch, int ss_ver, int hbd, int32_t *out) {
    const ptrdiff_t stride = p->stride[1];
    const uint8_t *base = (const uint8_t *)p->data[plane];
    if (!ss_ver) {
        const void *row = base + stride * y;
        for (int x = 0; x < cw; x++) out[x + 1] = sample(row, hbd, x) * 4;
    } else {
        const int cy = y >> 1;
        int ny = (y & 1) ? cy + 1 : cy - 1;
        if (ny < 0) ny = 0;
        if (ny >= ch) ny = ch - 1;
        const void *near = base + stride * cy, *far = base + stride * ny;
        for (int x = 0; x < cw; x++) out[x + 1] = sample(near, hbd, x) * 3 + sample(far, hbd, x);
    }
    out[0] = out[1];
    out[cw + 1] = out[cw];
}

static inline uint32_t clamp8(int32_t v) {
    return v < 0 ? 0 : v > 255 ? 255 : (uint32_t)v;
}

/* One RGBA8 pixel, little-endian, from a luma table entry and the two chroma samples. */
static inline uint32_t rgba(int32_t luma, int cu, int cv, uint32_t alpha) {
    return clamp8((luma + CR_R[cv]) >> 16) | clamp8((luma + CR_G[cv] + CB_G[cu]) >> 16) << 8 |
           clamp8((luma + CB_B[cu]) >> 16) << 16 | alpha << 24;
}

EXPORT(avif_row) int avif_row(int slot, int y, uint8_t *dst, int n, int alpha_slot) {
    if (slot < 0 || slot >= slots || !tables) return AVIF_ERR_ARGUMENT;
    const Dav1dPicture *p = &pictures[slot];
    if (!p->data[0] || y < 0 || y >= p->p.h || n <= 0 || n > p->p.w || !ensure_lines(p->p.w)) return AVIF_ERR_ARGUMENT;
    const int hbd = p->p.bpc > 8;
    widen(line_y, (const uint8_t *)p->data[0] + p->stride[0] * y, hbd, n);
    const Dav1dPicture *a = NULL;
    if (alpha_slot >= 0) {
        if (alpha_slot >= slots) return AVIF_ERR_ARGUMENT;
        a = &pictures[alpha_slot];
        if (!a->data[0] || y >= a->p.h || n > a->p.w) return AVIF_ERR_ARGUMENT;
        widen(line_a, (const uint8_t *)a->data[0] + a->stride[0] * y, a->p.bpc > 8, n);
    }
    const int32_t *ytab = Y_TAB;
    if (p->p.layout == DAV1D_PIXEL_LAYOUT_I400) {
        for (int x = 0; x < n; x++) {
            int32_t v = ytab[line_y[x]] >> 16;
            v = v < 0 ? 0 : v > 255 ? 255 : v;
            dst[4 * x] = dst[4 * x + 1] = dst[4 * x + 2] = (uint8_t)v;
            dst[4 * x + 3] = a ? (uint8_t)ALPHA[line_a[x]] : 255;
        }
        return 0;
    }
    const int ss_hor = p->p.layout != DAV1D_PIXEL_LAYOUT_I444;
    const int ss_ver = p->p.layout == DAV1D_PIXEL_LAYOUT_I420;
    const int cw = (p->p.w + ss_hor) >> ss_hor, ch = (p->p.h + ss_ver) >> ss_ver;
    chroma_rows(p, 1, y, cw, ch, ss_ver, hbd, line_u);
    chroma_rows(p, 2, y, cw, ch, ss_ver, hbd, line_v);
    const int32_t *u = line_u + 1, *v = line_v + 1;
    if (ss_hor && !identity) {
        /* The common case (4:2:0 and 4:2:2 YUV): each chroma sample serves a pair of luma samples. */
        for (int i = 0, x = 0; x < n; i++, x += 2) {
            const int32_t u3 = u[i] * 3, v3 = v[i] * 3;
            uint32_t px = rgba(ytab[line_y[x]], (u3 + u[i - 1] + 8) >> 4, (v3 + v[i - 1] + 8) >> 4, a ? (uint32_t)ALPHA[line_a[x]] : 255);
            memcpy(dst + 4 * x, &px, 4);
            if (x + 1 == n) break;
            px = rgba(ytab[line_y[x + 1]], (u3 + u[i + 1] + 8) >> 4, (v3 + v[i + 1] + 8) >> 4, a ? (uint32_t)ALPHA[line_a[x + 1]] : 255);
            memcpy(dst + 4 * x + 4, &px, 4);
        }
        return 0;
    }
    for (int x = 0; x < n; x++) {
        int cu, cv;
        if (ss_hor) {
            /* 3:1 with the horizontal neighbour on the side of this luma sample; /16 overall, rounded. */
            const int i = x >> 1, j = (x & 1) ? i + 1 : i - 1;
            cu = (u[i] * 3 + u[j] + 8) >> 4;
            cv = (v[i] * 3 + v[j] + 8) >> 4;
        } else {
            cu = (u[x] + 2) >> 2;
            cv = (v[x] + 2) >> 2;
        }
        int32_t r, g, b;
        if (identity) {
            g = ytab[line_y[x]] >> 16;
            b = ytab[cu] >> 16;
            r = ytab[cv] >> 16;
        } else {
            const int32_t luma = ytab[line_y[x]];
            r = (luma + CR_R[cv]) >> 16;
            g = (luma + CR_G[cv] + CB_G[cu]) >> 16;
            b = (luma + CB_B[cu]) >> 16;
        }
        dst[4 * x] = (uint8_t)(r < 0 ? 0 : r > 255 ? 255 : r);
        dst[4 * x + 1] = (uint8_t)(g < 0 ? 0 : g > 255 ? 255 : g);
        dst[4 * x + 2] = (uint8_t)(b < 0 ? 0 : b > 255 ? 255 : b);
        dst[4 * x + 3] = a ? (uint8_t)ALPHA[line_a[x]] : 255;
    }
    return 0;
}
