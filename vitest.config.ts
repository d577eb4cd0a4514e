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

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [fixtureBytes, cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        test: { name: "node", include: ["test/node/**/*.test.{ts,mjs}"], environment: "node", testTimeout: 60_000 },
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
