/**
 * The request flow for one thumbnail URL: parse → verify → edge cache → stored → lock → generate →
 * store → respond. Free of Workers globals: everything it touches comes in through `Services`.
 */
import { sourceTag, type NegativeCache, type ResponseCache } from "./cache";
import type { Config } from "./config";
import { ERRORS, ThumbnailError, type ErrorCode } from "./errors";
import type { LockService } from "./lock";
import type { RequestMetrics } from "./metrics";
import type { Hold, MemoryLedger, Reservation } from "./memory";
import { estimateCost, type Cost } from "./pipeline/budget";
import { swapsAxes } from "./pipeline/geometry";
import {
  describeRequest, generateThumbnail, inspectSource, planFor, prepareThumbnail, type PreparedThumbnail,
} from "./pipeline/index";
import type { ImageCore } from "./pipeline/core";
import { CorePool } from "./pipeline/pool";
import { probe, type ImageInfo } from "./pipeline/probe";
import { thumbnailResponse } from "./response";
import { mismatchCode, verifySignature, type VerifyKeys } from "./signature";
import type { SourceBody, SourceStore, ThumbnailStore } from "./storage";
import { encodeSourcePath, parseThumbnailPath, type ThumbnailRequest } from "./url";

export interface Services {
  readonly config: Readonly<Config>;
  readonly sources: SourceStore;
  readonly thumbs: ThumbnailStore;
  readonly lock: LockService;
  readonly cache: ResponseCache;
  readonly negative: NegativeCache;
  readonly core: CorePool;
  /** The isolate's memory ledger: every generation reserves its peak here first. */
  readonly memory: MemoryLedger;
  /** Filled in for the request's data point (metrics.ts), when something collects it. */
  readonly metrics?: RequestMetrics;
  readonly log: (entry: Record<string, unknown>) => void;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

/** Throws the 401/403 for a `signature` that `check` verifies under none of the configured keys. */
export async function requireSignature(
  signature: string,
  config: Readonly<Config>,
  check: (keys: VerifyKeys) => Promise<"v1" | "legacy" | null>,
): Promise<void> {
  const keys = { secrets: config.secrets, legacySecret: config.legacySecret };
  if (!(await check(keys))) throw new ThumbnailError(mismatchCode(signature, keys));
}

function verify(t: ThumbnailRequest, config: Readonly<Config>): Promise<void> {
  const parts = { source: t.source, size: t.size.text, method: t.method, ext: t.ext };
  return requireSignature(t.signature, config, (keys) => verifySignature(parts, t.signature, keys));
}

/**
 * What is stored under THUMB_PREFIX and served like a thumbnail: a thumbnail, or a source's info
 * document. Its key is `source/rest`, so every derivative of a source shares the prefix `source/`.
 */
export interface Derivative {
  readonly source: string;
  /** The key after `source/`, as in the URL: `100x100/crop/<signature>.jpg`, `info/<signature>.json`. */
  readonly rest: string;
  /** Makes it from the opened source within its memory reservation. */
  make(source: SourceBody, s: Services, deadline: number): Promise<Made>;
}

export interface Made {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly timings: ReadonlyArray<readonly [string, number]>;
}

const keyOf = (d: Derivative) => `${d.source}/${d.rest}`;

/** The URL a derivative is served at (and cached under) on `origin`. */
export function derivativeUrl(origin: string, config: Readonly<Config>, source: string, rest: string): string {
  return `${origin}${config.basePath}${encodeSourcePath(source)}/${rest}`;
}

async function fromCache(request: Request, url: string, s: Services): Promise<Response | undefined> {
  const hit = await s.cache.match(url);
  if (!hit) return undefined;
  const length = hit.headers.get("Content-Length");
  let body: ReadableStream<Uint8Array> | Uint8Array | null = hit.body;
  let size = Number(length);
  if (length === null || !Number.isSafeInteger(size)) {
    // Read whole (thumbnails are small) so Content-Length is exact even if the cache dropped it.
    body = new Uint8Array(await hit.arrayBuffer());
    size = body.byteLength;
  }
  return thumbnailResponse(request, {
    body,
    size,
    contentType: hit.headers.get("Content-Type") ?? "application/octet-stream",
    cacheControl: hit.headers.get("Cache-Control") ?? s.config.cacheControl,
    etag: hit.headers.get("ETag") ?? "",
    from: "cached",
  });
}

function toCache(url: string, source: string, response: Response, s: Services): void {
  s.waitUntil(sourceTag(s.config.thumbPrefix, source).then((tag) => s.cache.put(url, response, tag)));
}

async function fromStorage(request: Request, url: string, d: Derivative, s: Services): Promise<Response | undefined> {
  const stored = await s.thumbs.get(keyOf(d), { metadataOnly: request.method === "HEAD" });
  if (!stored) return undefined;
  const response = thumbnailResponse(request, { ...stored, from: "stored" });
  if (response.status === 200 && request.method === "GET") toCache(url, d.source, response.clone(), s);
  return response;
}

/**
 * How much of a source is read to find its header before its memory is reserved: most headers fit
 * the first size; JPEGs with large EXIF, ICC or XMP segments may need the second.
 */
export const PROBE_BYTES = [64 * 1024, 1024 * 1024] as const;

const remaining = (deadline: number) => Math.max(0, deadline - Date.now());

/** Memory beside the source body: the image core's instance (its size class) and jSquash's codecs. */
function costBytes(cost: Cost): number {
  return CorePool.sizeFor(cost.coreBytes) + cost.otherBytes;
}

/** The pipeline's cost on this source, the source body (read into the core) included. */
function pipelineCost(info: ImageInfo, t: ThumbnailRequest, config: Readonly<Config>, sourceBytes: number): Cost {
  return estimateCost(info, planFor(info, t, config), t, sourceBytes, config.requestMemoryBytes, config.quality.avif);
}

/** Formats whose EXIF orientation may come after the image data, beyond the header read. */
const LATE_ORIENTATION = new Set(["png", "webp", "avif"]);

interface Admission {
  readonly reservation: Reservation;
  /** The image core's memory for the estimate: the size class of the core the source is read into. */
  readonly coreBytes: number;
}

/**
 * Reserves the request's peak (the pipeline's estimate, which counts the source body: it is read
 * straight into the image core) from the object's size and its header, before the body is read; the
 * header bytes are counted meanwhile. A header not found in the first PROBE_BYTES reserves the
 * request ceiling, and `settle` corrects either to the exact peak once the whole source is read.
 */
async function admit(source: SourceBody, t: ThumbnailRequest, s: Services, deadline: number): Promise<Admission> {
  const { config, memory } = s;
  let held: Hold | undefined;
  try {
    for (const bytes of PROBE_BYTES) {
      held?.release();
      held = memory.hold(Math.min(bytes, source.size));
      const head = await source.head(bytes);
      const complete = head.byteLength === source.size;
      const probed = probe(head);
      // A header that runs past what was read probes as corrupt: read on.
      if (!complete && probed.kind === "corrupt") continue;
      const info = inspectSource(head, config, probed);
      if (s.metrics) s.metrics.formatIn = info.format;
      const what = describeRequest(info, t);
      let cost = pipelineCost(info, t, config, source.size);
      if (!complete && LATE_ORIENTATION.has(info.format)) {
        // The orientation may be unknown yet: room for the other one too, within the ceiling.
        const other = pipelineCost({ ...info, orientation: swapsAxes(info.orientation) ? 1 : 6 }, t, config, source.size);
        if (costBytes(other) > costBytes(cost) && costBytes(other) <= config.requestMemoryBytes) cost = other;
      }
      const reservation = await memory.reserve(costBytes(cost), { timeoutMs: remaining(deadline), what });
      return { reservation, coreBytes: cost.coreBytes };
    }
    const what = `source for ${t.size.text}/${t.method}${t.ext}`;
    const reservation = await memory.reserve(config.requestMemoryBytes, { timeoutMs: remaining(deadline), what });
    // The cost is unknown until the whole file is read: a core that holds the body, moved from if need be.
    return { reservation, coreBytes: source.size + 4 * 2 ** 20 };
  } finally {
    held?.release();
  }
}

/** Now that the whole source is here: the exact peak (less than reserved unless the header was incomplete). */
async function settle(reservation: Reservation, bytes: Uint8Array, t: ThumbnailRequest, s: Services, deadline: number): Promise<PreparedThumbnail> {
  const prepared = prepareThumbnail(t, s.config, bytes);
  const what = describeRequest(prepared.info, t);
  await reservation.resize(costBytes(prepared.cost), { timeoutMs: remaining(deadline), what });
  return prepared;
}

/**
 * Reads the source straight into an image core of the estimate's size class (no copy of it in JS)
 * and converts it there. When the whole file shows a dearer plan than its header did (an EXIF
 * orientation after the pixels), the bytes move to a core of the right size.
 */
async function convert<T>(source: SourceBody, admission: Admission, t: ThumbnailRequest, s: Services, deadline: number, run: Runner<T>): Promise<T> {
  type Outcome = { readonly made: T } | { readonly bytes: Uint8Array; readonly prepared: PreparedThumbnail };
  const outcome = await s.core.use(admission.coreBytes, async (core): Promise<Outcome> => {
    const input = core.exports.alloc(Math.max(1, source.size));
    let owned = true;
    try {
      const bytes = await source.read(new Uint8Array(core.exports.memory.buffer, input, source.size));
      const prepared = await settle(admission.reservation, bytes, t, s, deadline);
      if (CorePool.sizeFor(prepared.cost.coreBytes) > core.maxBytes) return { bytes: bytes.slice(), prepared };
      owned = false;
      return { made: await run(core, bytes, prepared, input) };
    } finally {
      if (owned) core.exports.free(input);
    }
  });
  if ("made" in outcome) return outcome.made;
  const { bytes, prepared } = outcome;
  return s.core.use(prepared.cost.coreBytes, (core) => run(core, bytes, prepared));
}

/** What runs on the source once it is in a core: the thumbnail pipeline, or the info document's frame. */
export type Runner<T> = (core: ImageCore, bytes: Uint8Array, prepared: PreparedThumbnail, input?: number) => Promise<T>;

/**
 * Reads and converts the source within its reservation, costed as the request `t`; waiting for
 * memory ends at `deadline`.
 */
export async function render<T>(source: SourceBody, t: ThumbnailRequest, s: Services, deadline: number, run: Runner<T>): Promise<T> {
  let admission: Admission;
  try {
    admission = await admit(source, t, s, deadline);
  } catch (error) {
    // The request's own error is the answer; the unread body only needs letting go.
    await source.cancel().catch(() => undefined);
    throw error;
  }
  try {
    return await convert(source, admission, t, s, deadline, run);
  } finally {
    admission.reservation.release();
  }
}

async function generate(request: Request, url: string, d: Derivative, s: Services, deadline: number): Promise<Response> {
  const source = await s.sources.open(d.source, s.config.maxSourceBytes);
  if (!source) {
    s.negative.add(d.source);
    throw new ThumbnailError("SOURCE_NOT_FOUND");
  }
  if (s.metrics) s.metrics.sourceBytes = source.size;
  const made = await d.make(source, s, deadline);
  if (s.metrics) s.metrics.timings = made.timings;
  const meta = { contentType: made.contentType, cacheControl: s.config.cacheControl, sourceEtag: source.etag };
  const etag = await s.thumbs.put(keyOf(d), made.bytes, meta);
  s.log({ level: "info", event: "generated", key: keyOf(d), bytes: made.bytes.byteLength, timings: Object.fromEntries(made.timings) });
  const init = { ...meta, body: made.bytes, size: made.bytes.byteLength, etag, from: "generated" as const };
  const response = thumbnailResponse(request, { ...init, timings: made.timings });
  if (response.status === 200 && request.method === "GET") toCache(url, d.source, thumbnailResponse(new Request(url), { ...init, from: "cached" }), s);
  return response;
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** A thumbnail URL's derivative: the pipeline into the URL's format. */
export function thumbnailDerivative(t: ThumbnailRequest): Derivative {
  return {
    source: t.source,
    rest: `${t.size.text}/${t.method}/${t.signature}${t.ext}`,
    make: (source, s, deadline) =>
      render(source, t, s, deadline, (core, bytes, prepared, input) => generateThumbnail(t, s.config, core, bytes, undefined, prepared, input)),
  };
}

/**
 * Serves a derivative: edge cache, then THUMBS, then made once under the derivative's lock (identical
 * concurrent requests, the queue consumer included, wait for the holder's outcome). `edgeCache: false`
 * (warming) neither reads nor fills the edge cache. `verify` runs after the edge cache misses.
 */
export async function serveDerivative(
  request: Request,
  d: Derivative,
  s: Services,
  options: { readonly edgeCache?: boolean; readonly verify?: () => Promise<void> } = {},
): Promise<Response> {
  const key = keyOf(d);
  const url = derivativeUrl(new URL(request.url).origin, s.config, d.source, d.rest);
  if (options.edgeCache !== false) {
    // The hot path skips the HMAC: only verified URLs are ever put in the edge cache (their key
    // carries the signature), so a hit was verified when it was stored. The cost: a URL signed with
    // a key since removed from THUMBS_SECRET is served from the cache until evicted (README "Key rotation").
    const cached = await fromCache(request, url, s);
    if (cached) return cached;
  }
  await options.verify?.();
  if (s.negative.has(d.source)) throw new ThumbnailError("SOURCE_NOT_FOUND", { internal: "remembered as missing" });
  const stored = await fromStorage(request, url, d, s);
  if (stored) return stored;

  const leaseMs = s.config.lockTimeout * 1000;
  const deadline = Date.now() + leaseMs;
  for (;;) {
    const waitMs = deadline - Date.now();
    if (waitMs <= 0) throw new ThumbnailError("LOCK_TIMEOUT");
    const result = await s.lock.acquire(key, leaseMs, waitMs);
    if (result.kind === "timeout") throw new ThumbnailError("LOCK_TIMEOUT");
    if (result.kind === "expired") continue;
    if (result.kind === "released") {
      const { error } = result.outcome;
      if (error && isErrorCode(error.code)) throw new ThumbnailError(error.code, { detail: error.detail, internal: "holder failed" });
      if (result.outcome.ok) {
        const done = await fromStorage(request, url, d, s);
        if (done) return done;
      }
      continue;
    }
    try {
      // The previous holder may have stored it between our read and our lease.
      const response = (await fromStorage(request, url, d, s)) ?? (await generate(request, url, d, s, deadline));
      await s.lock.release(key, result.token, { ok: true });
      return response;
    } catch (error) {
      // Input errors (4xx) will fail the same way for every waiter: hand them the answer.
      const outcome =
        error instanceof ThumbnailError && error.status < 500
          ? { ok: false, error: { code: error.code, detail: error.publicMessage } }
          : { ok: false };
      await s.lock.release(key, result.token, outcome);
      throw error;
    }
  }
}

export async function serveThumbnail(request: Request, path: string, s: Services): Promise<Response> {
  const t = parseThumbnailPath(path, s.config.maxDimension);
  if (s.metrics) Object.assign(s.metrics, { spec: `${t.size.text}/${t.method}`, formatOut: t.format });
  return serveDerivative(request, thumbnailDerivative(t), s, { verify: () => verify(t, s.config) });
}
