// Builds the AV1 decoder module: dav1d 1.0.0 (wasm/vendor/dav1d: Debian's source package with its
// security patch, the C files dav1d's meson.build compiles for a build without assembly) and our
// wrapper (wasm/dav1d/avif.c, its config.h and pthread stubs) -> wasm/build/dav1d.wasm, with Debian's
// clang, lld and wasi-libc. `node wasm/dav1d.build.mjs --check` rebuilds into a temporary directory and
// fails if the result differs from the committed wasm/build/dav1d.wasm.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clang, compareWithCommitted } from "./clang.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const repo = join(root, "..");
const vendor = join(root, "vendor", "dav1d");
const ours = join(root, "dav1d");
const committed = join(root, "build", "dav1d.wasm");
const check = process.argv.includes("--check");
const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-dav1d-"));
const out = check ? join(scratch, "dav1d.wasm") : committed;

// dav1d's src/meson.build: libdav1d_sources, libdav1d_entrypoints_sources, libdav1d_tmpl_sources.
const sources = [
  "cdf", "cpu", "data", "decode", "dequant_tables", "getbits", "intra_edge", "itx_1d", "lf_mask", "log", "mem",
  "msac", "obu", "picture", "qm", "ref", "refmvs", "scan", "tables", "warpmv", "wedge", "lib", "thread_task",
];
const templates = [
  "cdef_apply_tmpl", "cdef_tmpl", "fg_apply_tmpl", "filmgrain_tmpl", "ipred_prepare_tmpl", "ipred_tmpl", "itx_tmpl",
  "lf_apply_tmpl", "loopfilter_tmpl", "looprestoration_tmpl", "lr_apply_tmpl", "mc_tmpl", "recon_tmpl",
];

const cflags = [
  "--target=wasm32-wasi",
  "-O3",
  "-msimd128",
  "-std=c11",
  "-D_GNU_SOURCE",
  "-DNDEBUG",
  "-fno-math-errno",
  "-fvisibility=hidden",
  "-ffunction-sections",
  "-fdata-sections",
  // No absolute path of this machine may end up in the module.
  `-ffile-prefix-map=${repo}=.`,
  `-I${join(ours, "include")}`,
  `-I${join(ours, "include", "dav1d")}`,
  `-I${vendor}`,
  `-I${join(vendor, "include")}`,
  `-I${join(vendor, "include", "dav1d")}`,
];

const objects = [];
function compile(file, name, extra = []) {
  const object = join(scratch, `${name}.o`);
  clang([...cflags, ...extra, "-c", file, "-o", object], repo);
  objects.push(object);
}

try {
  for (const name of sources) compile(join(vendor, "src", `${name}.c`), name);
  for (const bits of [8, 16]) {
    for (const name of templates) compile(join(vendor, "src", `${name}.c`), `${name}_${bits}`, [`-DBITDEPTH=${bits}`]);
  }
  compile(join(ours, "avif.c"), "avif");
  clang(
    [
      "--target=wasm32-wasi",
      "-mexec-model=reactor",
      "-Wl,--import-memory",
      // dav1d keeps a few hundred KB of block buffers on the stack (recon, 16-bit emu_edge).
      "-Wl,-z,stack-size=1048576",
      // src/pipeline/budget.ts AV1_INITIAL_BYTES: static data and the stack, before any allocation.
      "-Wl,--initial-memory=2097152",
      "-Wl,--gc-sections",
      "-Wl,--strip-all",
      "-o",
      out,
      ...objects,
    ],
    repo,
  );
  if (check) compareWithCommitted(out, committed, "dav1d.wasm", "npm run build:dav1d");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
