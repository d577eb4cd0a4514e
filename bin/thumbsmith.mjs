#!/usr/bin/env node
// thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]
import { parseArgs } from "node:util";

const USAGE = `usage: thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]

Prints the signed thumbnail URL for <source> (the object key, unencoded).
  size     WxH, Wx or xH (0 or empty follows the aspect ratio), e.g. 100x100, 100x0, x240
  method   crop | scale | smart
  ext      .jpg | .jpeg | .png | .webp | .avif
  --base   URL prefix: origin and/or BASE_PATH (default "/")
  --legacy sign like django-rest-thumbnails with LEGACY_SECRET_KEY

Environment: THUMBS_SECRET (its first comma-separated key signs) or, with --legacy, LEGACY_SECRET_KEY.
Exit status: 0 printed, 2 invalid arguments or missing secret.`;

function fail(message) {
  process.stderr.write(`thumbsmith: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { base: { type: "string" }, legacy: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
} catch (error) {
  fail(`${error.message}\n\n${USAGE}`);
}
if (args.values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const [command, source, size, method, ext, ...extra] = args.positionals;
if (command !== "sign" || ext === undefined || extra.length > 0) fail(USAGE);

const legacy = args.values.legacy === true;
const secret = legacy
  ? process.env.LEGACY_SECRET_KEY
  : (process.env.THUMBS_SECRET ?? "")
      .split(",")
      .map((key) => key.trim())
      .find((key) => key !== "");
if (!secret) fail(legacy ? "LEGACY_SECRET_KEY is not set" : "THUMBS_SECRET is not set");

// A dynamic import so that a checkout without `npm install` gets this hint rather than a stack trace.
const client = await import("../dist/client.js").catch(() =>
  fail("dist/client.js is missing: run `npm run build:client` (npm install runs it)"),
);
try {
  process.stdout.write(`${await client.thumbnailUrl(source, size, method, ext, { secret, legacy, baseUrl: args.values.base })}\n`);
} catch (error) {
  if (error instanceof client.ThumbnailError || error instanceof TypeError) fail(error.message);
  throw error;
}
