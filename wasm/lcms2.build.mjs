// Builds Little CMS (wasm/vendor/lcms2: lcms2-2.14 from Debian's source package, unmodified) and
// its wrapper (wasm/lcms/icc.c) into wasm/build/lcms2.wasm with clang's wasm32-wasi target.
// `node wasm/lcms2.build.mjs --check` rebuilds into a temporary directory and fails if the result
// differs from the committed wasm/build/lcms2.wasm. Needs clang, lld, wasi-libc and
// libclang-rt-14-dev-wasm32 (Debian), nothing from npm.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
    execFileSync("clang", [...compile, "-c", source, "-o", object], { cwd: root, stdio: "inherit" });
    return object;
  });
  execFileSync(
    "clang",
    [
      "--target=wasm32-wasi",
      "-Os",
      "-flto",
      "-mexec-model=reactor",
      "-Wl,--import-memory",
      "-Wl,--gc-sections",
      "-Wl,--strip-all",
      "-Wl,-z,stack-size=65536",
      "-Wl,--initial-memory=262144",
      ...objects,
      "-o",
      out,
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (check) {
    const same = Buffer.compare(readFileSync(out), readFileSync(committed)) === 0;
    if (!same) {
      console.error("wasm/build/lcms2.wasm is not what wasm/vendor/lcms2 and wasm/lcms build to: run `npm run build:lcms2` and commit it");
      process.exitCode = 1;
    } else console.log("wasm/build/lcms2.wasm matches its sources");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
