import { ThumbnailError } from "./errors";

export type ServedFrom = "generated" | "stored" | "cached";

export interface ThumbnailResponseInit {
  readonly body: ReadableStream<Uint8Array> | Uint8Array | null;
  readonly size: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: string;
  readonly from: ServedFrom;
  readonly timings?: ReadonlyArray<readonly [string, number]>;
}

/** RFC 9110 If-None-Match: weak comparison, lists and `*`. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  const target = strip(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === target);
}

export function thumbnailResponse(request: Request, init: ThumbnailResponseInit): Response {
  const headers = new Headers({
    "Content-Type": init.contentType,
    "Cache-Control": init.cacheControl,
    ETag: init.etag,
    "X-Thumbnail": init.from,
  });
  if (init.timings) {
    headers.set("Server-Timing", init.timings.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(", "));
  }
  if (etagMatches(request.headers.get("If-None-Match"), init.etag)) {
    void (init.body instanceof ReadableStream ? init.body.cancel() : undefined);
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(init.size));
  if (request.method === "HEAD") {
    void (init.body instanceof ReadableStream ? init.body.cancel() : undefined);
    return new Response(null, { status: 200, headers });
  }
  return new Response(init.body, { status: 200, headers });
}

/** The one place errors become responses. The public message never carries internal detail. */
export function errorResponse(error: ThumbnailError, extra: Record<string, string> = {}): Response {
  const body = JSON.stringify({ error: { code: error.code, message: error.publicMessage } });
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extra });
  if (error.code === "LOCK_TIMEOUT" || error.code === "BUSY") headers.set("Retry-After", "1");
  if (error.code === "METHOD_NOT_ALLOWED") headers.set("Allow", "GET, HEAD");
  if (error.code === "UNAUTHORIZED") headers.set("WWW-Authenticate", 'Bearer realm="thumbsmith"');
  return new Response(body, { status: error.status, headers });
}
