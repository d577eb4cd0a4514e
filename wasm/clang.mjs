// What the C module builds (lcms2, webp, av1 .build.mjs) share: running Debian's clang, and the
// `--check` comparison CI makes between a fresh build and the committed module.
import { execFile, execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { delimiter } from "node:path";

/**
 * clang runs any `wasm-opt` it finds on PATH after linking, and npm puts binaryen's (assemblyscript's)
 * there: the output must be clang's and lld's alone, wherever and however the build runs.
 */
const env = { ...process.env, PATH: (process.env.PATH ?? "").split(delimiter).filter((dir) => !dir.includes("node_modules")).join(delimiter) };

const execFileAsync = promisify(execFile);

export function clang(args, cwd) {
  execFileSync("clang", args, { cwd, stdio: "inherit", env });
}

/** `--check`: whether the fresh build equals the committed module; says so, and sets a failing exit code if not. */
export function compareWithCommitted(fresh, committed, name, command) {
  if (Buffer.compare(readFileSync(fresh), readFileSync(committed)) === 0) {
    console.log(`wasm/build/${name} matches its sources`);
    return;
  }
  console.error(`wasm/build/${name} is not what its sources build to: run \`${command}\` and commit it`);
  process.exitCode = 1;
}

/** Compiles independent translation units `parallelism` at a time; the output does not depend on the order. */
export async function compileAll(commands, cwd, parallelism = availableParallelism()) {
  const queue = [...commands];
  const worker = async () => {
    for (let args = queue.shift(); args; args = queue.shift()) await execFileAsync("clang", args, { cwd, env, maxBuffer: 1 << 26 });
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, queue.length) }, worker));
}
