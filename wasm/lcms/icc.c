// The one job Little CMS does for thumbsmith: sample the transform from an embedded ICC profile to
// sRGB on a regular grid, as sharp (libvips) would apply it: perceptual intent, no black point
// compensation asked for (lcms adds it by itself where the ICC says so), sRGB v4 as the destination.
// The image core interpolates that grid (wasm/assembly/pipe/colour.ts), so lcms never sees a pixel
// and its instance lives only while a grid is computed.
#include <stdint.h>
#include <stdlib.h>

#include "lcms2.h"

#define ICC_OK 0
#define ICC_ERR_ARGUMENT -1
#define ICC_ERR_PROFILE -2
#define ICC_ERR_SPACE -3
#define ICC_ERR_TRANSFORM -4
#define ICC_ERR_MEMORY -5

__attribute__((export_name("icc_alloc"))) void *icc_alloc(uint32_t size) {
  return malloc(size);
}

__attribute__((export_name("icc_free"))) void icc_free(void *ptr) {
  free(ptr);
}

static cmsColorSpaceSignature space_for(int channels) {
  switch (channels) {
  case 1: return cmsSigGrayData;
  case 3: return cmsSigRgbData;
  case 4: return cmsSigCmykData;
  default: return 0;
  }
}

static cmsUInt32Number format_for(int channels) {
  switch (channels) {
  case 1: return TYPE_GRAY_16;
  case 3: return TYPE_RGB_16;
  default: return TYPE_CMYK_16;
  }
}

// Writes grid^channels nodes, each 4 × u16 (R, G, B, 0) scaled to 0..65280 (255 × 256: the core
// rounds with one shift), the first input channel varying slowest, but for CMYK where K varies
// slowest (the core interpolates two CMY cubes). `channels` is what the image has: a profile of
// another colour space does not apply (libvips ignores it too).
__attribute__((export_name("icc_grid")))
int icc_grid(const void *profile, uint32_t length, int channels, int grid, uint16_t *out) {
  cmsColorSpaceSignature space = space_for(channels);
  if (!space || grid < 2 || grid > 256 || !profile || !out) return ICC_ERR_ARGUMENT;
  cmsHPROFILE input = cmsOpenProfileFromMem(profile, length);
  if (!input) return ICC_ERR_PROFILE;
  cmsProfileClassSignature class = cmsGetDeviceClass(input);
  if (cmsGetColorSpace(input) != space || cmsGetPCS(input) == 0 || class == cmsSigLinkClass ||
      class == cmsSigAbstractClass || class == cmsSigNamedColorClass) {
    cmsCloseProfile(input);
    return ICC_ERR_SPACE;
  }
  cmsHPROFILE srgb = cmsCreate_sRGBProfile();
  if (!srgb) {
    cmsCloseProfile(input);
    return ICC_ERR_MEMORY;
  }
  cmsHTRANSFORM transform = cmsCreateTransform(input, format_for(channels), srgb, TYPE_RGB_16,
                                               INTENT_PERCEPTUAL, cmsFLAGS_NOCACHE | cmsFLAGS_NOOPTIMIZE);
  cmsCloseProfile(input);
  cmsCloseProfile(srgb);
  if (!transform) return ICC_ERR_TRANSFORM;
  uint16_t *in = malloc((size_t)grid * 4 * sizeof(uint16_t));
  uint16_t *rgb = malloc((size_t)grid * 3 * sizeof(uint16_t));
  if (!in || !rgb) {
    free(in);
    free(rgb);
    cmsDeleteTransform(transform);
    return ICC_ERR_MEMORY;
  }
  uint32_t lines = 1;
  for (int c = 1; c < channels; c++) lines *= (uint32_t)grid;
  for (uint32_t line = 0; line < lines; line++) {
    // The fixed coordinates of this line, slowest first; the last input channel runs along it.
    uint32_t rest = line;
    uint16_t fixed[3] = {0, 0, 0};
    for (int c = channels - 2; c >= 0; c--) {
      fixed[c] = (uint16_t)((rest % (uint32_t)grid) * 65535u / (uint32_t)(grid - 1));
      rest /= (uint32_t)grid;
    }
    for (int i = 0; i < grid; i++) {
      uint16_t v = (uint16_t)((uint32_t)i * 65535u / (uint32_t)(grid - 1));
      uint16_t *node = in + (size_t)i * channels;
      if (channels == 4) {
        // Grid order K, C, M, Y; lcms takes C, M, Y, K.
        node[3] = fixed[0];
        node[0] = fixed[1];
        node[1] = fixed[2];
        node[2] = v;
      } else {
        for (int c = 0; c < channels - 1; c++) node[c] = fixed[c];
        node[channels - 1] = v;
      }
    }
    cmsDoTransform(transform, in, rgb, (cmsUInt32Number)grid);
    uint16_t *dst = out + (size_t)line * grid * 4;
    for (int i = 0; i < grid; i++) {
      for (int c = 0; c < 3; c++) dst[i * 4 + c] = (uint16_t)(((uint32_t)rgb[i * 3 + c] * 65280u + 32767u) / 65535u);
      dst[i * 4 + 3] = 0;
    }
  }
  free(in);
  free(rgb);
  cmsDeleteTransform(transform);
  return ICC_OK;
}
