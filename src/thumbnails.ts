/**
 * The request flow for one thumbnail URL: parse → verify → edge cache → stored → lock → generate →
 * store → respond. Free of Workers globals: everything it touches comes in through `Services`.
 */
import type { NegativeCache, ResponseCache } from "./cache";
import type { Config } from "./config";
import { ERRORS, ThumbnailError, type ErrorCode } from "./errors";
import type { LockService } from "./lock";
import type { ImageCore } from "./pipeline/core";
import { generateThumbnail, prepareThumbnail } from "./pipeline/index";
import { thumbnailResponse } from "./response";
import { verifySignature } from "./signature";
import type { SourceStore, ThumbnailStore } from "./storage";
import { encodeSourcePath, parseThumbnailPath, type ThumbnailRequest } from "./url";

export interface Services {
  readonly config: Readonly<Config>;
  readonly sources: SourceStore;
  readonly thumbs: ThumbnailStore;
  readonly lock: LockService;
  readonly cache: ResponseCache;
  readonly negative: NegativeCache;
  /** A fresh image core whose memory may grow to `maxBytes` at most (dropped after the request). */
  readonly core: (maxBytes: number) => Promise<ImageCore>;
  readonly log: (entry: Record<string, unknown>) => void;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

export async function parseAndVerify(path: string, config: Readonly<Config>): Promise<ThumbnailRequest> {
  const request = parseThumbnailPath(path, config.maxDimension);
  const parts = { source: request.source, size: request.size.text, method: request.method, ext: request.ext };
  const scheme = await verifySignature(parts, request.signature, {
    secrets: config.secrets,
    legacySecret: config.legacySecret,
  });
  if (!scheme) throw new ThumbnailError("BAD_SIGNATURE");
  return request;
}

function cacheUrl(request: Request, config: Readonly<Config>, t: ThumbnailRequest): string {
  const origin = new URL(request.url).origin;
  return `${origin}${config.basePath}${encodeSourcePath(t.source)}/${t.size.text}/${t.method}/${t.signature}${t.ext}`;
}

async function fromCache(request: Request, url: string, s: Services): Promise<Response | undefined> {
  const hit = await s.cache.match(url);
  if (!hit) return undefined;
  // Read whole (thumbnails are small) so Content-Length is exact even if the cache dropped it.
  const body = new Uint8Array(await hit.arrayBuffer());
  return thumbnailResponse(request, {
    body,
    size: body.byteLength,
    contentType: hit.headers.get("Content-Type") ?? "application/octet-stream",
    cacheControl: hit.headers.get("Cache-Control") ?? s.config.cacheControl,
    etag: hit.headers.get("ETag") ?? "",
    from: "cached",
  });
}

async function fromStorage(request: Request, url: string, t: ThumbnailRequest, s: Services): Promise<Response | undefined> {
  const stored = await s.thumbs.get(t.key, { metadataOnly: request.method === "HEAD" });
  if (!stored) return undefined;
  const response = thumbnailResponse(request, { ...stored, from: "stored" });
  if (response.status === 200 && request.method === "GET") {
    const copy = response.clone();
    s.waitUntil(s.cache.put(url, copy));
  }
  return response;
}

async function generate(request: Request, url: string, t: ThumbnailRequest, s: Services): Promise<Response> {
  const source = await s.sources.get(t.source, s.config.maxSourceBytes);
  if (!source) {
    s.negative.add(t.source);
    throw new ThumbnailError("SOURCE_NOT_FOUND");
  }
  const prepared = prepareThumbnail(t, s.config, source.bytes);
  const core = await s.core(prepared.cost.coreBytes);
  const thumbnail = await generateThumbnail(t, s.config, core, source.bytes, undefined, prepared);
  const meta = { contentType: thumbnail.contentType, cacheControl: s.config.cacheControl, sourceEtag: source.etag };
  const etag = await s.thumbs.put(t.key, thumbnail.bytes, meta);
  s.log({ level: "info", event: "generated", key: t.key, bytes: thumbnail.bytes.byteLength, timings: Object.fromEntries(thumbnail.timings) });
  const init = { ...meta, body: thumbnail.bytes, size: thumbnail.bytes.byteLength, etag, from: "generated" as const };
  const response = thumbnailResponse(request, { ...init, timings: thumbnail.timings });
  if (response.status === 200 && request.method === "GET") {
    s.waitUntil(s.cache.put(url, thumbnailResponse(new Request(url), { ...init, from: "cached" })));
  }
  return response;
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

export async function serveThumbnail(request: Request, path: string, s: Services): Promise<Response> {
  const t = await parseAndVerify(path, s.config);
  const url = cacheUrl(request, s.config, t);
  const cached = await fromCache(request, url, s);
  if (cached) return cached;
  if (s.negative.has(t.source)) throw new ThumbnailError("SOURCE_NOT_FOUND", { internal: "remembered as missing" });
  const stored = await fromStorage(request, url, t, s);
  if (stored) return stored;

  const leaseMs = s.config.lockTimeout * 1000;
  const deadline = Date.now() + leaseMs;
  for (;;) {
    const waitMs = deadline - Date.now();
    if (waitMs <= 0) throw new ThumbnailError("LOCK_TIMEOUT");
    const result = await s.lock.acquire(t.key, leaseMs, waitMs);
    if (result.kind === "timeout") throw new ThumbnailError("LOCK_TIMEOUT");
    if (result.kind === "expired") continue;
    if (result.kind === "released") {
      const { error } = result.outcome;
      if (error && isErrorCode(error.code)) throw new ThumbnailError(error.code, { detail: error.detail, internal: "holder failed" });
      if (result.outcome.ok) {
        const done = await fromStorage(request, url, t, s);
        if (done) return done;
      }
      continue;
    }
    try {
      // The previous holder may have stored it between our read and our lease.
      const response = (await fromStorage(request, url, t, s)) ?? (await generate(request, url, t, s));
      await s.lock.release(t.key, result.token, { ok: true });
      return response;
    } catch (error) {
      // Input errors (4xx) will fail the same way for every waiter: hand them the answer.
      const outcome =
        error instanceof ThumbnailError && error.status < 500
          ? { ok: false, error: { code: error.code, detail: error.publicMessage } }
          : { ok: false };
      await s.lock.release(t.key, result.token, outcome);
      throw error;
    }
  }
}
