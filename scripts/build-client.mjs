// `npm run build:client`: the `thumbsmith/client` package export. esbuild bundles src/client.ts (the
// server's own url.ts and signature.ts inside) into dist/client.js; tsc writes its declarations.
// src/ imports without extensions (bundler resolution), which TypeScript projects on node16/nodenext
// resolution refuse in an ES module's declarations: the relative imports get their ".js".
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { root } from "./local.mjs";

const dist = join(root, "dist");
await build({
  entryPoints: [join(root, "src", "client.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile: join(dist, "client.js"),
  logLevel: "warning",
});
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.client.json")], { stdio: "inherit" });
for (const name of readdirSync(dist).filter((n) => n.endsWith(".d.ts"))) {
  const file = join(dist, name);
  const text = readFileSync(file, "utf8");
  writeFileSync(file, text.replace(/(from\s+["'])(\.\.?\/[^"']+?)(?<!\.js)(["'])/g, "$1$2.js$3"));
}
