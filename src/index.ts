import { Hono } from "hono";
import { version } from "../package.json";
import { NegativeCache, WorkersResponseCache } from "./cache";
import { getConfig, type Config } from "./config";
import type { Env } from "./env";
import { ThumbnailError, toThumbnailError } from "./errors";
import { DurableObjectLockService } from "./lock-do";
import { corePool, isolateLedger } from "./isolate";
import { errorResponse } from "./response";
import { R2SourceStore, R2ThumbnailStore } from "./storage-r2";
import { serveThumbnail, type Services } from "./thumbnails";

export { ThumbnailLock } from "./lock-do";

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify(entry));
}

// Per isolate, keyed by the parsed config so tests with different settings don't share entries.
const negativeCaches = new WeakMap<Readonly<Config>, NegativeCache>();

function services(env: Env, config: Readonly<Config>, ctx: { waitUntil(promise: Promise<unknown>): void }): Services {
  let negative = negativeCaches.get(config);
  if (!negative) {
    negative = new NegativeCache(config.negativeTtl * 1000);
    negativeCaches.set(config, negative);
  }
  return {
    config,
    sources: new R2SourceStore(env.SOURCES, config.sourcePrefix),
    thumbs: new R2ThumbnailStore(env.THUMBS, config.thumbPrefix),
    lock: new DurableObjectLockService(env.LOCKS),
    cache: new WorkersResponseCache(caches.default),
    negative,
    core: corePool,
    memory: isolateLedger(config),
    log,
    waitUntil: (promise) => ctx.waitUntil(promise.catch((error: unknown) => log({ level: "warn", event: "background", error: String(error) }))),
  };
}

const app = new Hono<{ Bindings: Env }>();

app.all("*", async (c) => {
  const request = c.req.raw;
  const pathname = new URL(request.url).pathname;
  try {
    const config = getConfig(c.env);
    if (!pathname.startsWith(config.basePath)) throw new ThumbnailError("NOT_FOUND");
    if (request.method !== "GET" && request.method !== "HEAD") throw new ThumbnailError("METHOD_NOT_ALLOWED");
    const path = pathname.slice(config.basePath.length);
    if (path === "_health") return c.json({ status: "ok", service: "thumbsmith", version });
    return await serveThumbnail(request, path, services(c.env, config, c.executionCtx));
  } catch (caught) {
    const error = toThumbnailError(caught);
    log({
      level: error.status >= 500 ? "error" : "warn",
      code: error.code,
      status: error.status,
      method: request.method,
      // Paths can be long (keys up to 1 KB, percent-encoded): keep log lines bounded.
      path: pathname.slice(0, 512),
      message: error.message,
    });
    return errorResponse(error, request);
  }
});

export default app;
