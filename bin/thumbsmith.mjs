#!/usr/bin/env node
// thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]
// thumbsmith info <source> [--base URL] [--legacy]
// thumbsmith purge|warm <source>... [--base URL]
import { parseArgs } from "node:util";

const USAGE = `usage: thumbsmith sign <source> <size> <method> <ext> [--base URL] [--legacy]
       thumbsmith info <source> [--base URL] [--legacy]
       thumbsmith purge <source>... --base URL
       thumbsmith warm <source>... --base URL

sign   prints the signed thumbnail URL for <source> (the object key, unencoded).
  size     WxH, Wx or xH (0 or empty follows the aspect ratio), e.g. 100x100, 100x0, x240
  method   crop | scale | smart
  ext      .jpg | .jpeg | .png | .webp | .avif
info   prints the signed URL of <source>'s info document (size, format, placeholder).
purge  deletes every stored thumbnail of each <source> and its edge-cache copies.
warm   queues each <source>'s PRESETS for generation.
  --base   URL prefix: origin and/or BASE_PATH (default "/"; purge and warm need the
           service's full URL, e.g. https://thumbs.example.com/, or THUMBSMITH_URL)
  --legacy sign like django-rest-thumbnails with LEGACY_SECRET_KEY

Environment: THUMBS_SECRET (its first comma-separated key signs) or, with --legacy, LEGACY_SECRET_KEY;
ADMIN_TOKEN for purge and warm (sent as a bearer token), THUMBSMITH_URL (default for --base).
Exit status: 0 done, 1 the service refused or could not be reached, 2 invalid arguments or a
missing secret or token.`;

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
const [command, ...operands] = args.positionals;
if (command === "purge" || command === "warm") await admin(command, operands);
else if (command === "info" ? operands.length !== 1 : command !== "sign" || operands.length !== 4) fail(USAGE);
const [source, size, method, ext] = operands;

const legacy = args.values.legacy === true;
const secret = legacy
  ? process.env.LEGACY_SECRET_KEY
  : (process.env.THUMBS_SECRET ?? "")
      .split(",")
      .map((key) => key.trim())
      .find((key) => key !== "");
if (!secret) fail(legacy ? "LEGACY_SECRET_KEY is not set" : "THUMBS_SECRET is not set");

const client = await loadClient();
try {
  const options = { secret, legacy, baseUrl: args.values.base };
  const url = command === "info" ? await client.infoUrl(source, options) : await client.thumbnailUrl(source, size, method, ext, options);
  process.stdout.write(`${url}\n`);
} catch (error) {
  if (error instanceof client.ThumbnailError || error instanceof TypeError) fail(error.message);
  throw error;
}

/** A dynamic import so that a checkout without `npm install` gets this hint rather than a stack trace. */
function loadClient() {
  return import("../dist/client.js").catch(() => fail("dist/client.js is missing: run `npm run build:client` (npm install runs it)"));
}

/** POSTs the sources to `_purge` or `_warm` (1000 a request, the server's limit) and prints each answer. */
async function admin(route, sources) {
  if (sources.length === 0) fail(`${route}: expected one or more sources\n\n${USAGE}`);
  const token = process.env.ADMIN_TOKEN;
  if (!token) fail("ADMIN_TOKEN is not set");
  const base = args.values.base ?? process.env.THUMBSMITH_URL;
  if (!base || !/^https?:\/\/[^\s?#]+$/.test(base)) fail("--base (or THUMBSMITH_URL): expected the service's URL, e.g. https://thumbs.example.com/");
  const endpoint = `${base.endsWith("/") ? base : `${base}/`}_${route}`;
  const client = await loadClient();
  for (const source of sources) {
    try {
      client.checkSource(source);
    } catch (error) {
      fail(`${JSON.stringify(source)}: ${error.message}`);
    }
  }
  for (let i = 0; i < sources.length; i += 1000) {
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ sources: sources.slice(i, i + 1000) }),
      });
    } catch (error) {
      process.stderr.write(`thumbsmith: ${endpoint}: ${error.cause?.message ?? error.message}\n`);
      process.exit(1);
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        const { error } = JSON.parse(text);
        message = `${error.code}: ${error.message}`;
      } catch {
        // Not the service's JSON error (a proxy's page): show it as it came.
      }
      process.stderr.write(`thumbsmith: ${route}: HTTP ${response.status} ${message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${text}\n`);
  }
  process.exit(0);
}
