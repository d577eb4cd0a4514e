import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { root } from "../local.mjs";

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

/** Bundles scripts/bench/entry.ts for Node: `.wasm` imports become compiled modules, as in Workers. */
export async function loadPipeline() {
  const dir = mkdtempSync(join(tmpdir(), "thumbsmith-bench-"));
  const outfile = join(dir, "pipeline.mjs");
  await build({
    entryPoints: [join(root, "scripts", "bench", "entry.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "error",
    plugins: [wasmModules],
  });
  const module = await import(outfile);
  rmSync(dir, { recursive: true, force: true });
  return module;
}

