// Local development helpers shared by `npm run dev` and the end-to-end tests: seed the local R2
// bucket with sample images, and start `wrangler dev` (local R2 and Durable Objects, no account).
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

// Without these, wrangler phones home for metrics and to download Request.cf, and warns offline.
export const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

/** Source key → file in test/fixtures. */
export const SAMPLES = {
  "animals/kitten.jpg": "kitten.jpg",
  "pil_tests/1.jpg": "seed/pil_tests/1.jpg",
  "pil_tests/2.jpg": "seed/pil_tests/2.jpg",
  "orientation/Landscape_6.jpg": "Landscape_6.jpg",
  "alpha/embedgravitybird.png": "embedgravitybird.png",
  "webp/4.webp": "4.webp",
  "cmyk/Channel_digital_image_CMYK_color.jpg": "Channel_digital_image_CMYK_color.jpg",
};

const devVars = join(root, ".dev.vars");

/** `npm run dev` runs with `.dev.vars` (gitignored: it may hold real keys); a fresh clone gets the example. */
export function ensureDevVars() {
  if (existsSync(devVars)) return;
  copyFileSync(join(root, ".dev.vars.example"), devVars);
  console.log("Created .dev.vars from .dev.vars.example (a development-only THUMBS_SECRET).");
}

export function devSecret() {
  const line = readFileSync(devVars, "utf8")
    .split("\n")
    .find((l) => l.startsWith("THUMBS_SECRET="));
  if (!line) throw new Error(".dev.vars has no THUMBS_SECRET");
  return line.slice("THUMBS_SECRET=".length).trim().split(",")[0];
}

/** The key the end-to-end tests and benchmarks run `wrangler dev` with, whatever `.dev.vars` holds. */
export const LOCAL_SECRET = "local-test-secret";

/** Puts SAMPLES, and `extra` (source key → absolute path), into the local SOURCES bucket. */
export function seedLocal(persistTo, extra = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-seed-"));
  const list = join(scratch, "samples.json");
  const objects = [
    ...Object.entries(SAMPLES).map(([key, file]) => ({ key, file: join(root, "test", "fixtures", file) })),
    ...Object.entries(extra).map(([key, file]) => ({ key, file })),
  ];
  writeFileSync(list, JSON.stringify(objects));
  try {
    // Output only on failure: `r2 bulk put` prints an "experimental command" banner every time.
    execFileSync(process.execPath, [wrangler, "r2", "bulk", "put", "thumbsmith-sources", "--filename", list, "--local", "--persist-to", persistTo], {
      cwd: root,
      env: quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Starts `wrangler dev`; resolves with the child once it answers /_health. With `secret`, the
 * Worker's THUMBS_SECRET comes from a file of its own instead of `.dev.vars`.
 */
export async function startDev({ port, persistTo, stdio = "inherit", timeoutMs = 60_000, secret, vars = {} }) {
  const args = [wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo];
  // Plain settings for this run only: wrangler reads just the required secrets from .dev.vars.
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const env = { ...quietEnv };
  let scratch;
  if (secret !== undefined) {
    scratch = mkdtempSync(join(tmpdir(), "thumbsmith-secrets-"));
    writeFileSync(join(scratch, "secrets.env"), `THUMBS_SECRET=${secret}\n`);
    args.push("--env-file", join(scratch, "secrets.env"));
    // wrangler also reads required secrets from its environment.
    delete env.THUMBS_SECRET;
  }
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", stdio, stdio] });
  if (scratch) child.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_health`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms`);
}
