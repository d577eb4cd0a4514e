/**
 * The admin routes, `POST {BASE_PATH}_purge` and `POST {BASE_PATH}_warm`, both with
 * `Authorization: Bearer <ADMIN_TOKEN>` and a body `{"sources": [...]}`. Without ADMIN_TOKEN they
 * do not exist (404), so a deployment that never set one exposes nothing.
 */
import type { Config } from "./config";
import { ThumbnailError } from "./errors";
import { purgeSources, type PurgeOptions } from "./purge";
import type { WarmMessage } from "./queue";
import { sameSecret } from "./signature";
import type { Services } from "./thumbnails";
import { encodeSourcePath, parseSource } from "./url";

export const MAX_SOURCES = 1000;
/** 1000 keys of up to 1024 bytes, JSON-escaped: room for any valid body, not for much more. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

/** Throws NOT_FOUND when the admin routes are off and UNAUTHORIZED unless the bearer token matches. */
export async function authorize(request: Request, config: Readonly<Config>): Promise<void> {
  if (config.adminToken === undefined) throw new ThumbnailError("NOT_FOUND");
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.get("Authorization") ?? "");
  if (!match?.[1] || !(await sameSecret(match[1], config.adminToken))) {
    throw new ThumbnailError("UNAUTHORIZED", { internal: match ? "admin token does not match" : "no bearer token" });
  }
}

function badBody(detail: string): ThumbnailError {
  return new ThumbnailError("BAD_BODY", { detail: `body: ${detail}` });
}

/** The body's `sources`: 1 to 1000 keys, each valid as a thumbnail URL's source. */
export async function readSources(request: Request): Promise<string[]> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) throw badBody(`expected at most ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw badBody(`expected at most ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badBody('expected JSON like {"sources": ["animals/kitten.jpg"]}');
  }
  const sources = typeof body === "object" && body !== null ? (body as { sources?: unknown }).sources : undefined;
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > MAX_SOURCES) {
    throw badBody(`expected "sources": an array of 1 to ${MAX_SOURCES} source keys`);
  }
  return sources.map((source: unknown, i) => {
    if (typeof source !== "string") throw badBody(`sources[${i}]: expected a string`);
    try {
      return parseSource(encodeSourcePath(source).split("/"));
    } catch (error) {
      const why = error instanceof ThumbnailError ? error.publicMessage : "expected well-formed Unicode";
      throw badBody(`sources[${i}]: ${why}`);
    }
  });
}

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });

/** Deletes the sources' derivatives and their edge-cache copies; answers what was deleted. */
export async function purgeRoute(request: Request, s: Services, options: PurgeOptions = {}): Promise<Response> {
  await authorize(request, s.config);
  const sources = await readSources(request);
  return json(await purgeSources(sources, s, { origin: new URL(request.url).origin, ...options }));
}

/** Queues a warm request per source; the consumer makes their PRESETS (202: done in the background). */
export async function warmRoute(request: Request, s: Services, queue: Queue<WarmMessage> | undefined): Promise<Response> {
  await authorize(request, s.config);
  const sources = await readSources(request);
  if (!queue) throw new ThumbnailError("CONFIG_INVALID", { internal: "_warm needs the EVENTS queue binding (wrangler.toml)" });
  for (let i = 0; i < sources.length; i += SEND_BATCH) {
    await queue.sendBatch(sources.slice(i, i + SEND_BATCH).map((source) => ({ body: { type: "thumbsmith.warm", source } })));
  }
  s.log({ level: "info", event: "warm", sources: sources.length });
  return json({ queued: sources.length, presets: s.config.presets.length + (s.config.presetInfo ? 1 : 0) }, 202);
}
