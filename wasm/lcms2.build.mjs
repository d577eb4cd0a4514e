// Builds Little CMS (wasm/vendor/lcms2: lcms2-2.14 from Debian's source package, unmodified) and
// its wrapper (wasm/lcms/icc.c) into wasm/build/lcms2.wasm with clang's wasm32-wasi target.
// `node wasm/lcms2.build.mjs --check` rebuilds into a temporary directory and fails if the result
// differs from the committed wasm/build/lcms2.wasm. Needs clang, lld, wasi-libc and
// libclang-rt-14-dev-wasm32 (Debian), nothing from npm.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clang, compareWithCommitted } from "./clang.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const committed = join(root, "build", "lcms2.wasm");
const check = process.argv.includes("--check");
const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-lcms2-"));
const out = check ? join(scratch, "lcms2.wasm") : committed;

const sources = [
  "lcms/icc.c",
  ...readdirSync(join(root, "vendor", "lcms2", "src"))
    .filter((name) => name.endsWith(".c"))
    .sort()
    .map((name) => `vendor/lcms2/src/${name}`),
];

const compile = [
  "--target=wasm32-wasi",
  "-Os",
  "-flto",
  "-msimd128",
  "-ffunction-sections",
  "-fdata-sections",
  "-fno-ident",
  `-ffile-prefix-map=${root}=.`,
  "-DCMS_NO_PTHREADS=1",
  "-DNDEBUG",
  "-Ivendor/lcms2/include",
  "-Wno-everything",
];

try {
  const objects = sources.map((source, i) => {
    const object = join(scratch, `${i}.o`);
    clang([...compile, "-c", source, "-o", object], root);
    return object;
  });
  clang(
    [
      "--target=wasm32-wasi",
      "-Os",
      "-flto",
      "-mexec-model=reactor",
      "-Wl,--import-memory",
      "-Wl,--gc-sections",
      "-Wl,--strip-all",
      "-Wl,-z,stack-size=65536",
      // Overflowing the stack traps (it sits below the static data) instead of overwriting that data.
      "-Wl,--stack-first",
      "-Wl,--initial-memory=262144",
      ...objects,
      "-o",
      out,
    ],
    root,
  );
  if (check) compareWithCommitted(out, committed, "lcms2.wasm", "npm run build:lcms2");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
