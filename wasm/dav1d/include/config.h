/* dav1d's config.h (meson generates it): wasm32-wasi, C only, 8- and 16-bit pixels, no logging. */
#ifndef THUMBSMITH_DAV1D_CONFIG_H
#define THUMBSMITH_DAV1D_CONFIG_H
#define ARCH_AARCH64 0
#define ARCH_ARM 0
#define ARCH_PPC64LE 0
#define ARCH_X86 0
#define ARCH_X86_32 0
#define ARCH_X86_64 0
#define CONFIG_16BPC 1
#define CONFIG_8BPC 1
#define CONFIG_LOG 0
#define ENDIANNESS_BIG 0
#define HAVE_ASM 0
#define HAVE_POSIX_MEMALIGN 1
#define HAVE_UNISTD_H 1
#endif
