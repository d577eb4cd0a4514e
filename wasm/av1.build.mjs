// Builds the AV1 module: dav1d 1.0.0 decodes AVIF sources and libaom 3.6.0 encodes AVIF thumbnails, in
// one module so that both share one heap (an AVIF source thumbnailed to AVIF encodes in the memory the
// decoder has just freed: wasm/aom/encode.c). With Debian's clang, lld and wasi-libc:
//   wasm/vendor/dav1d  Debian's dav1d source package with its security patch: the C files dav1d's
//                      meson.build compiles for a build without assembly; wasm/dav1d/ holds our wrapper
//                      (avif.c), its config.h and pthread stubs.
//   wasm/vendor/aom    Debian's aom source package with its security patches: the files an encoder-only,
//                      single-threaded, 8-bit, generic-C build compiles. wasm/aom/config/ is what libaom's
//                      CMake configure generated for that build (the command is in aom_config.c); wasm/aom/
//                      holds our wrapper (encode.c) and a setjmp.h for wasi-libc, which has none.
// `node wasm/av1.build.mjs --check` rebuilds into a temporary directory and fails if the result differs
// from the committed wasm/build/av1.wasm.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { clang, compareWithCommitted, compileAll } from "./clang.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const repo = join(root, "..");
const dav1d = join(root, "vendor", "dav1d");
const aom = join(root, "vendor", "aom");
const committed = join(root, "build", "av1.wasm");
const check = process.argv.includes("--check");
const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-av1-"));
const out = check ? join(scratch, "av1.wasm") : committed;

// dav1d's src/meson.build: libdav1d_sources, libdav1d_entrypoints_sources, libdav1d_tmpl_sources.
const dav1dSources = [
  "cdf", "cpu", "data", "decode", "dequant_tables", "getbits", "intra_edge", "itx_1d", "lf_mask", "log", "mem",
  "msac", "obu", "picture", "qm", "ref", "refmvs", "scan", "tables", "warpmv", "wedge", "lib", "thread_task",
];
const dav1dTemplates = [
  "cdef_apply_tmpl", "cdef_tmpl", "fg_apply_tmpl", "filmgrain_tmpl", "ipred_prepare_tmpl", "ipred_tmpl", "itx_tmpl",
  "lf_apply_tmpl", "loopfilter_tmpl", "looprestoration_tmpl", "lr_apply_tmpl", "mc_tmpl", "recon_tmpl",
];

// wasm/vendor/aom holds exactly the C files libaom's CMake compiles for the configuration in
// wasm/aom/config (AOM_TARGET_CPU=generic, encoder only), and the headers they include.
const aomSources = listC(aom);

function listC(dir) {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".c"))
    .map((file) => relative(dir, join(dir, file)))
    .sort();
}

const common = [
  "--target=wasm32-wasi",
  "-O3",
  "-msimd128",
  "-DNDEBUG",
  "-fno-math-errno",
  "-fvisibility=hidden",
  "-ffunction-sections",
  "-fdata-sections",
  // No absolute path of this machine may end up in the module.
  `-ffile-prefix-map=${repo}=.`,
];
const dav1dFlags = [
  ...common,
  "-std=c11",
  "-D_GNU_SOURCE",
  `-I${join(root, "dav1d", "include")}`,
  `-I${join(root, "dav1d", "include", "dav1d")}`,
  `-I${dav1d}`,
  `-I${join(dav1d, "include")}`,
  `-I${join(dav1d, "include", "dav1d")}`,
];
const aomFlags = [...common, "-std=c99", `-I${join(root, "aom", "include")}`, `-I${join(root, "aom")}`, `-I${aom}`];

const jobs = [];
function compile(file, name, flags) {
  const object = join(scratch, `${name}.o`);
  jobs.push({ args: [...flags, "-c", file, "-o", object], object });
}

try {
  for (const name of dav1dSources) compile(join(dav1d, "src", `${name}.c`), `dav1d_${name}`, dav1dFlags);
  for (const bits of [8, 16]) {
    for (const name of dav1dTemplates) compile(join(dav1d, "src", `${name}.c`), `dav1d_${name}_${bits}`, [...dav1dFlags, `-DBITDEPTH=${bits}`]);
  }
  compile(join(root, "dav1d", "avif.c"), "avif", dav1dFlags);
  for (const file of aomSources) compile(join(aom, file), `aom_${file.replace(/[/.]/g, "_")}`, aomFlags);
  compile(join(root, "aom", "config", "aom_config.c"), "aom_config", aomFlags);
  compile(join(root, "aom", "encode.c"), "encode", aomFlags);
  await compileAll(jobs.map((job) => job.args), repo);
  clang(
    [
      "--target=wasm32-wasi",
      "-mexec-model=reactor",
      "-Wl,--import-memory",
      // dav1d keeps a few hundred KB of block buffers on the stack (recon, 16-bit emu_edge). The stack
      // goes below the static data, so that overflowing it traps instead of overwriting that data.
      "-Wl,-z,stack-size=1048576",
      "-Wl,--stack-first",
      // encode.c notes every failed allocation (libaom does not always unwind from one).
      "-Wl,--wrap=malloc",
      "-Wl,--wrap=calloc",
      "-Wl,--wrap=realloc",
      // src/pipeline/budget.ts AV1_INITIAL_BYTES: static data and the stack, before any allocation.
      "-Wl,--initial-memory=3145728",
      "-Wl,--gc-sections",
      "-Wl,--strip-all",
      "-o",
      out,
      ...jobs.map((job) => job.object),
    ],
    repo,
  );
  if (check) compareWithCommitted(out, committed, "av1.wasm", "npm run build:av1");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
