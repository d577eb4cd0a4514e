import { readFile } from "node:fs/promises";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/** `import bytes from "./x.jpg?bytes"` gives an ArrayBuffer: workerd tests have no file system. */
const fixtureBytes: Plugin = {
  name: "thumbsmith-fixture-bytes",
  enforce: "pre",
  async load(id) {
    if (!id.endsWith("?bytes")) return undefined;
    const base64 = (await readFile(id.slice(0, -"?bytes".length))).toString("base64");
    return `const s = atob(${JSON.stringify(base64)});
const b = new Uint8Array(s.length);
for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
export default b.buffer;`;
  },
};

/**
 * Node tests import the Worker's own modules: `import m from "x.wasm"` (and `x.wasm?module`) gives a
 * compiled WebAssembly.Module there, as wrangler's bundler does for Workers.
 */
const wasmModules: Plugin = {
  name: "thumbsmith-wasm-modules",
  enforce: "pre",
  async resolveId(source, importer) {
    if (!/\.wasm(\?module)?$/.test(source)) return undefined;
    const resolved = await this.resolve(source.replace(/\?module$/, ""), importer, { skipSelf: true });
    return resolved ? `${resolved.id}?compiled-module` : undefined;
  },
  load(id) {
    if (!id.endsWith(".wasm?compiled-module")) return undefined;
    const path = id.slice(0, -"?compiled-module".length);
    return `import { readFileSync } from "node:fs"; export default new WebAssembly.Module(readFileSync(${JSON.stringify(path)}));`;
  },
};

export default defineConfig({
  test: {
    // The worker logs a JSON line per error; tests provoke hundreds. Shown when a test fails.
    silent: "passed-only",
    projects: [
      {
        plugins: [
          fixtureBytes,
          // The tests' own key: `.dev.vars` is the developer's (gitignored, absent in a fresh clone).
          cloudflareTest({ wrangler: { configPath: "./wrangler.toml" }, miniflare: { bindings: { THUMBS_SECRET: "worker-test-secret" } } }),
        ],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        plugins: [wasmModules],
        test: {
          name: "node",
          include: ["test/node/**/*.test.{ts,mjs}"],
          environment: "node",
          testTimeout: 60_000,
          // jSquash's .wasm files live in node_modules: they must go through wasmModules, not Node.
          server: { deps: { inline: [/\.wasm\?compiled-module$/] } },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/setup.mjs"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
