// Builds the project's WebAssembly image core: wasm/assembly/*.ts (AssemblyScript) -> wasm/build/core.wasm.
// `node wasm/build.mjs --check` rebuilds into a temporary file and fails if it differs from the
// committed wasm/build/core.wasm, so CI proves the committed binary comes from the committed sources.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const committed = join(root, "build", "core.wasm");
const check = process.argv.includes("--check");
const scratch = check ? mkdtempSync(join(tmpdir(), "thumbsmith-wasm-")) : undefined;
const out = scratch ? join(scratch, "core.wasm") : committed;

execFileSync(
  process.execPath,
  [
    join(root, "..", "node_modules", "assemblyscript", "bin", "asc.js"),
    join(root, "assembly", "index.ts"),
    "--outFile", out,
    "--optimizeLevel", "3",
    "--shrinkLevel", "0",
    "--runtime", "incremental",
    "--noAssert",
    "--enable", "simd",
    "--exportRuntime",
    "--initialMemory", "16",
    "--importMemory",
  ],
  { stdio: "inherit" },
);

if (scratch) {
  const same = Buffer.compare(readFileSync(out), readFileSync(committed)) === 0;
  rmSync(scratch, { recursive: true, force: true });
  if (!same) {
    console.error("wasm/build/core.wasm is not what wasm/assembly/ builds to: run `npm run build:wasm` and commit it");
    process.exit(1);
  }
  console.log("wasm/build/core.wasm matches its sources");
}
