import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { root } from "../local.mjs";

/** The bundle a bench process built, for its child processes to import instead of building again. */
const PIPELINE_ENV = "THUMBSMITH_BENCH_PIPELINE";

/** esbuild: `.wasm` (and `.wasm?module`) imports become compiled WebAssembly.Modules, as in Workers. */
export const wasmModules = {
  name: "wasm-module",
  setup(b) {
    b.onResolve({ filter: /\.wasm(\?module)?$/ }, async (a) => {
      if (a.pluginData?.plain) return undefined;
      const path = a.path.replace(/\?module$/, "");
      const resolved = await b.resolve(path, { resolveDir: a.resolveDir, kind: a.kind, pluginData: { plain: true } });
      return { path: resolved.path, namespace: "wasm-module" };
    });
    b.onLoad({ filter: /.*/, namespace: "wasm-module" }, (a) => ({
      contents: `import { readFileSync } from "node:fs"; export default new WebAssembly.Module(readFileSync(${JSON.stringify(a.path)}));`,
      loader: "js",
    }));
  },
};

/** Bundles scripts/bench/entry.ts for Node into `outfile`. */
export async function buildPipeline(outfile) {
  await build({
    entryPoints: [join(root, "scripts", "bench", "entry.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "error",
    plugins: [wasmModules],
  });
}

/**
 * The pipeline module (scripts/bench/entry.ts): the bundle a parent process built, or a fresh build
 * into a temporary directory, which child processes then share and which is removed at exit.
 */
export async function loadPipeline() {
  if (process.env[PIPELINE_ENV]) return import(process.env[PIPELINE_ENV]);
  const dir = mkdtempSync(join(tmpdir(), "thumbsmith-bench-"));
  const outfile = join(dir, "pipeline.mjs");
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await buildPipeline(outfile);
  process.env[PIPELINE_ENV] = outfile;
  return import(outfile);
}

/** The service's defaults: the bench measures what a deployment with no settings does. */
export function benchConfig(P) {
  return P.parseConfig({ THUMBS_SECRET: "bench" });
}

export function thumbnailRequest(P, config, size, method, ext) {
  return P.parseThumbnailPath(`x.jpg/${size}/${method}/${"0".repeat(32)}${ext}`, config.maxDimension);
}

/**
 * A file's bytes in an ArrayBuffer of their own. In a function of its own so that the Buffer it is
 * copied from is unreachable on return: a temporary in the caller's frame can stay alive through a
 * GC and count twice in a memory measurement.
 */
export function readBytes(path) {
  return new Uint8Array(readFileSync(path));
}
