import { Hono, type Context } from "hono";
import { version } from "../package.json";
import { NegativeCache, TieredResponseCache, WorkersResponseCache } from "./cache";
import { getConfig, type Config } from "./config";
import type { Env } from "./env";
import { ThumbnailError, toThumbnailError } from "./errors";
import { DurableObjectLockService } from "./lock-do";
import { corePool, hotCache, isolateLedger } from "./isolate";
import { dataPoint, type RequestMetrics } from "./metrics";
import { errorResponse } from "./response";
import { R2SourceStore, R2ThumbnailStore } from "./storage-r2";
import { serveThumbnail, type Services } from "./thumbnails";
import { purgeRoute, warmRoute } from "./admin";
import { serveInfo } from "./info";
import { handleQueue } from "./queue";

export { ThumbnailLock } from "./lock-do";

export function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify(entry));
}

/** What every route sees: the bindings, the validated settings and the request's metrics. */
export interface App {
  Bindings: Env;
  Variables: { config: Readonly<Config>; metrics: RequestMetrics };
}

// Per isolate, keyed by the parsed config so tests with different settings don't share entries.
const negativeCaches = new WeakMap<Readonly<Config>, NegativeCache>();

/** The flow's dependencies for this request: R2, the Durable Object, the edge cache, the isolate's pools. */
export function services(c: Context<App>): Services {
  return servicesFor(c.env, c.var.config, c.executionCtx, c.var.metrics);
}

/** The same for any handler (the queue consumer has no Hono context). */
export function servicesFor(
  env: Env,
  config: Readonly<Config>,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  metrics?: RequestMetrics,
): Services {
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
    cache: new TieredResponseCache(hotCache, new WorkersResponseCache(caches.default)),
    negative,
    core: corePool,
    memory: isolateLedger(config),
    ...(metrics && { metrics }),
    log,
    waitUntil: (promise) => ctx.waitUntil(promise.catch((error: unknown) => log({ level: "warn", event: "background", error: String(error) }))),
  };
}

/** The raw (still percent-encoded) path: source keys are decoded segment by segment in url.ts. */
function rawPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("://") + 3);
  const end = url.search(/[?#]/);
  return start < 0 ? "/" : url.slice(start, end < start ? undefined : end);
}

/** Not a path: no route matches it, so requests outside BASE_PATH end in `notFound`. */
const OUTSIDE_BASE = "outside-base-path";

function basePathOf(env: unknown): string | undefined {
  try {
    return getConfig(env as object).basePath;
  } catch {
    // Settings that do not parse are reported by the middleware below, whatever the path.
    return undefined;
  }
}

/**
 * Routes are written relative to BASE_PATH (a setting, so known per request): `getPath` strips it.
 * Handlers answer GET; HEAD runs the GET handler and drops the body, as Hono does.
 */
const app = new Hono<App>({
  getPath(request, options) {
    const path = rawPath(request.url);
    const base = basePathOf(options?.env);
    if (base === undefined) return path;
    return path.startsWith(base) ? path.slice(base.length - 1) : OUTSIDE_BASE;
  },
});

app.use(async (c, next) => {
  const started = Date.now();
  c.set("metrics", {});
  await next();
  // Errors included: Hono has turned them into c.res (onError, notFound) by now.
  c.env.METRICS?.writeDataPoint(dataPoint(c.res, c.var.metrics, Date.now() - started));
});

app.use(async (c, next) => {
  c.set("config", getConfig(c.env));
  await next();
});

app.get("/_health", (c) => c.json({ status: "ok", service: "thumbsmith", version }));

// Before the thumbnail pattern (which takes any path of four or more segments). Patterns whose
// parameter spans segments need the whole tail as one regular expression: Hono's routers reject or
// miss "/:a{.+}/:b".
app.post("/_purge", (c) => purgeRoute(c.req.raw, services(c)));
app.post("/_warm", (c) => warmRoute(c.req.raw, services(c), c.env.EVENTS));

/** {source}/info/{signature}.json: the source's size, format and placeholder (info.ts). */
app.get("/:info{.+/info/[^/]+\\.json}", (c) => serveInfo(c.req.raw, c.req.path.slice(1), services(c)));

/** {source}/{size}/{method}/{signature}{ext}; url.ts parses it (each bad part is its own 400). */
app.get("/:thumbnail{.+/[^/]+/[^/]+/[^/]+}", (c) => serveThumbnail(c.req.raw, c.req.path.slice(1), services(c)));

/** Every failure ends here: one log line with the internal reason, the registry's public answer. */
function fail(error: ThumbnailError, c: Context<App>): Response {
  c.var.metrics.errorCode = error.code;
  log({
    level: error.status >= 500 ? "error" : "warn",
    code: error.code,
    status: error.status,
    method: c.req.method,
    // Paths can be long (keys up to 1 KB, percent-encoded): keep log lines bounded.
    path: rawPath(c.req.url).slice(0, 512),
    message: error.message,
  });
  return errorResponse(error);
}

app.notFound((c) => {
  if (c.req.path === OUTSIDE_BASE) return fail(new ThumbnailError("NOT_FOUND"), c);
  // Every path under BASE_PATH is a thumbnail URL unless a route above took it.
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return fail(new ThumbnailError("METHOD_NOT_ALLOWED"), c);
  return fail(new ThumbnailError("BAD_URL", { detail: "url: expected <source>/<size>/<method>/<signature>.<ext>" }), c);
});

app.onError((caught, c) => fail(toThumbnailError(caught), c));

export default {
  fetch: app.fetch,
  /** R2 event notifications of the sources bucket and `_warm` requests (queue.ts). */
  async queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
    await handleQueue(batch, servicesFor(env, getConfig(env), ctx));
  },
} satisfies ExportedHandler<Env>;
