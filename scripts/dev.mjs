// `npm run dev`: seeds local R2 with sample images on first start, prints signed URLs, and runs
// `wrangler dev` with local R2 and Durable Objects.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { thumbnailUrl } from "../dist/client.js";
import { devSecret, ensureDevVars, root, seedLocal, startDev } from "./local.mjs";

ensureDevVars();
const port = Number(process.env.PORT ?? 8787);
const persistTo = join(root, ".wrangler", "state");
const marker = join(persistTo, "thumbsmith-seeded");
if (!existsSync(marker)) {
  console.log("Seeding local R2 (thumbsmith-sources) with sample images…");
  seedLocal(persistTo);
  mkdirSync(persistTo, { recursive: true });
  writeFileSync(marker, new Date().toISOString());
}

// Development-only admin token and presets, so `_purge`/`_warm` and the local queue work out of the box.
const adminToken = "dev-admin-token-change-me";
const presets = "100x100/crop.jpg,300x/scale.webp,info";
const child = await startDev({ port, persistTo, vars: { ADMIN_TOKEN: adminToken, PRESETS: presets } });
const base = `http://127.0.0.1:${port}/`;
const secret = devSecret();
const examples = [
  ["animals/kitten.jpg", "100x100", "crop", ".jpg"],
  ["animals/kitten.jpg", "300x", "scale", ".webp"],
  ["pil_tests/1.jpg", "200x200", "smart", ".avif"],
  ["orientation/Landscape_6.jpg", "160x", "scale", ".jpg"],
  ["alpha/embedgravitybird.png", "200x200", "crop", ".png"],
];
console.log("\nthumbsmith is running. Try:");
for (const [source, size, method, ext] of examples) {
  console.log(`  ${await thumbnailUrl(source, size, method, ext, { secret, baseUrl: base })}`);
}
console.log(`\nSign more with: THUMBS_SECRET=${secret} npx thumbsmith sign <source> <size> <method> <ext> --base ${base}`);
console.log(`Warm or purge (presets ${presets}): ADMIN_TOKEN=${adminToken} npx thumbsmith warm animals/kitten.jpg --base ${base}\n`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
