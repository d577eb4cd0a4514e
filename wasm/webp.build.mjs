// Builds the WebP decoder module: libwebp 1.2.4's decoder and demuxer (wasm/vendor/libwebp, Debian's
// 1.2.4-0.2+deb12u1 sources: upstream plus the CVE-2023-4863 fix) and our wrapper (wasm/webp/) with
// Debian's clang, lld and wasi-libc into wasm/build/webp.wasm.
//   npm run build:webp              rebuild wasm/build/webp.wasm
//   npm run build:webp -- --check   rebuild into a temporary directory and fail if it differs from the
//                                   committed file (CI), so the binary provably comes from these sources
// Needs: clang lld wasi-libc (Debian/Ubuntu packages of those names; clang 14 was used).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { clang, compareWithCommitted } from "./clang.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const vendor = join(root, "vendor", "libwebp");
const committed = join(root, "build", "webp.wasm");
const check = process.argv.includes("--check");
const scratch = check ? mkdtempSync(join(tmpdir(), "thumbsmith-webp-")) : undefined;
const out = scratch ? join(scratch, "webp.wasm") : committed;

const sources = [
  "webp/decode.c",
  ...[
    "dec/alpha_dec.c", "dec/buffer_dec.c", "dec/frame_dec.c", "dec/io_dec.c", "dec/quant_dec.c", "dec/tree_dec.c",
    "dec/vp8_dec.c", "dec/vp8l_dec.c", "dec/webp_dec.c",
    "demux/demux.c",
    "dsp/alpha_processing.c", "dsp/cpu.c", "dsp/dec.c", "dsp/dec_clip_tables.c", "dsp/filters.c", "dsp/lossless.c",
    "dsp/rescaler.c", "dsp/upsampling.c", "dsp/yuv.c",
    "utils/bit_reader_utils.c", "utils/color_cache_utils.c", "utils/filters_utils.c", "utils/huffman_utils.c",
    "utils/quant_levels_dec_utils.c", "utils/random_utils.c", "utils/rescaler_utils.c", "utils/thread_utils.c",
    "utils/utils.c",
  ].map((file) => join("vendor", "libwebp", "src", file)),
];

clang(
  [
    "--target=wasm32-wasi",
    "-O2",
    "-msimd128",
    "-DNDEBUG",
    // Only the RGBA output modes (no RGB565/4444 samplers); WEBP_REDUCE_SIZE would drop the rescaler.
    "-DWEBP_REDUCE_CSP",
    "-I", relative(root, vendor),
    // No absolute paths in the output, whatever the checkout's location.
    `-ffile-prefix-map=${root}=.`,
    "-fno-ident",
    "-nostartfiles",
    "-Wl,--no-entry",
    "-Wl,--import-memory",
    "-Wl,-z,stack-size=131072",
    // Overflowing the stack traps (it sits below the static data) instead of overwriting that data.
    "-Wl,--stack-first",
    "-Wl,--strip-all",
    "-o", out,
    ...sources,
  ],
  root,
);

if (scratch) {
  compareWithCommitted(out, committed, "webp.wasm", "npm run build:webp");
  rmSync(scratch, { recursive: true, force: true });
} else {
  console.log(`wasm/build/webp.wasm: ${readFileSync(out).byteLength} bytes`);
}
