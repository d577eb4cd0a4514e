/** The request flow through the whole worker: headers, caching, locking, limits, errors. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import bomb from "../fixtures/65536-uint32-limit.png?bytes";
import big from "../fixtures/big-9mp.png?bytes";
import corrupt from "../fixtures/corrupt-header.jpg?bytes";
import kitten from "../fixtures/kitten.jpg?bytes";
import truncatedJpg from "../fixtures/truncated.jpg?bytes";
import truncatedPng from "../fixtures/truncated.png?bytes";
import worker from "../../src/index";
import { signLegacy } from "../../src/signature";
import { heifHeader } from "../heif";
import { decodeImage, get, seed, signedPath, storedKeys, withSettings } from "./helpers";

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe("health and methods", () => {
  it("GET /_health answers JSON with the version", async () => {
    const response = await get("/_health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it("health lives under BASE_PATH, and other paths are 404", async () => {
    expect((await withSettings({ BASE_PATH: "/thumbnails/" }, "/thumbnails/_health")).status).toBe(200);
    const outside = await withSettings({ BASE_PATH: "/thumbnails/" }, "/other/_health");
    expect(outside.status).toBe(404);
    expect(await errorCode(outside)).toBe("NOT_FOUND");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("%s is 405 with Allow", async (method) => {
    const response = await get(await signedPath("kitten.jpg", "100x100", "crop", ".jpg"), { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
  });

  it("HEAD runs the GET route and drops the body, errors included", async () => {
    const health = await get("/_health", { method: "HEAD" });
    expect(health.status).toBe(200);
    expect(health.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await health.text()).toBe("");
    const bad = await get("/a.jpg/1x1/crop/0.jpg", { method: "HEAD" });
    expect(bad.status).toBe(403);
    expect(bad.headers.get("Cache-Control")).toBe("no-store");
    expect(await bad.text()).toBe("");
  });

  it("a path under BASE_PATH that no route takes is a malformed thumbnail URL (400), other methods 405", async () => {
    for (const path of ["/", "/kitten.jpg", "/kitten.jpg/100x100/crop"]) {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(await errorCode(response)).toBe("BAD_URL");
    }
    const post = await get("/_health", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET, HEAD");
    const outside = await withSettings({ BASE_PATH: "/thumbnails/" }, "/kitten.jpg/1x1/crop/0.jpg", { method: "POST" });
    expect(outside.status).toBe(404);
  });

  it("a misconfigured deployment says so (500 CONFIG_INVALID), naming nothing secret", async () => {
    const response = await withSettings({ THUMBS_SECRET: "", MAX_DIMENSION: "huge" }, "/a.jpg/1x1/crop/0.jpg");
    expect(response.status).toBe(500);
    expect(await errorCode(response)).toBe("CONFIG_INVALID");
  });
});

describe("serving paths, headers and conditional requests", () => {
  it("generated → stored → cached, with ETag, Cache-Control, Content-Length", async () => {
    await seed("animals/kitten.jpg", kitten);
    const path = await signedPath("animals/kitten.jpg", "100x100", "crop", ".jpg");
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get("X-Thumbnail")).toBe("generated");
    expect(first.headers.get("Server-Timing")).toMatch(/decode;dur=[\d.]+, colour;dur=[\d.]+, orient;dur=[\d.]+, crop;dur=[\d.]+, resize;dur=[\d.]+, flatten;dur=[\d.]+, encode;dur=[\d.]+/);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(first.headers.get("Content-Type")).toBe("image/jpeg");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^"[^"]+"$/);
    const body = await first.arrayBuffer();
    expect(Number(first.headers.get("Content-Length"))).toBe(body.byteLength);
    const image = await decodeImage(body);
    expect([image.width, image.height]).toEqual([100, 100]);

    const object = await env.THUMBS.head(`animals/kitten.jpg/100x100/crop/${path.split("/").pop()}`);
    expect(object?.httpMetadata?.contentType).toBe("image/jpeg");
    expect(object?.httpMetadata?.cacheControl).toBe("public, max-age=31536000, immutable");
    expect(object?.customMetadata?.sourceEtag).toMatch(/^"[0-9a-f]+"$/);

    // Another host name is another cache key: the first request there comes from R2.
    const other = `https://cdn.example.com${path}`;
    const stored = await worker.fetch(new Request(other), env, createExecutionContext());
    expect(stored.headers.get("X-Thumbnail")).toBe("stored");
    expect(stored.headers.get("Server-Timing")).toBeNull();
    expect(stored.headers.get("ETag")).toBe(etag);
    expect((await stored.arrayBuffer()).byteLength).toBe(body.byteLength);

    const ctx = createExecutionContext();
    await worker.fetch(new Request(other), env, ctx);
    await waitOnExecutionContext(ctx);
    const cached = await worker.fetch(new Request(other), env, createExecutionContext());
    expect(cached.headers.get("X-Thumbnail")).toBe("cached");
    expect(cached.headers.get("ETag")).toBe(etag);
    expect(cached.headers.get("Content-Length")).toBe(String(body.byteLength));
    expect((await cached.arrayBuffer()).byteLength).toBe(body.byteLength);
  });

  it("If-None-Match gets 304 on every path; HEAD has headers and no body", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "64x64", "crop", ".webp");
    const first = await get(path);
    const etag = first.headers.get("ETag") ?? "";
    await first.arrayBuffer();
    const notModified = await get(path, { headers: { "If-None-Match": `"other", ${etag}` } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("ETag")).toBe(etag);
    expect(await notModified.text()).toBe("");
    expect((await get(path, { headers: { "If-None-Match": '"other"' } })).status).toBe(200);

    const head = await get(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Type")).toBe("image/webp");
    expect(Number(head.headers.get("Content-Length"))).toBeGreaterThan(0);
    expect(await head.text()).toBe("");
  });

  it("HEAD of a cold thumbnail generates it", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "33x", "scale", ".png");
    const head = await get(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("X-Thumbnail")).toBe("generated");
    expect(await head.text()).toBe("");
    expect((await get(path)).headers.get("X-Thumbnail")).not.toBe("generated");
  });

  it("thumbnails are stored under THUMB_PREFIX + source/size/method/signature.ext", async () => {
    await seed("in/kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "20x20", "crop", ".png");
    const response = await withSettings({ SOURCE_PREFIX: "in/", THUMB_PREFIX: "out/" }, path);
    expect(response.status).toBe(200);
    expect(await storedKeys()).toContain(`out/kitten.jpg/20x20/crop/${path.split("/").pop()}`);
  });
});

describe("missing sources", () => {
  it("404, remembered for NEGATIVE_TTL", async () => {
    const path = await signedPath("later.jpg", "50x50", "crop", ".jpg");
    const missing = await get(path);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe("SOURCE_NOT_FOUND");
    await seed("later.jpg", kitten);
    expect((await get(path)).status).toBe(404);
    // With the negative cache off, the new source is found at once.
    expect((await withSettings({ NEGATIVE_TTL: "0" }, path)).status).toBe(200);
  });
});

describe("bad input: a clear 4xx, a log line, nothing stored", () => {
  const cases: Array<[name: string, bytes: ArrayBuffer | string, status: number, code: string]> = [
    ["empty", "", 422, "SOURCE_EMPTY"],
    ["text", "hello, this is not an image\n", 422, "SOURCE_UNSUPPORTED"],
    ["corrupt-header.jpg", corrupt, 422, "SOURCE_UNDECODABLE"],
    ["65536-uint32-limit.png (decompression bomb)", bomb, 413, "SOURCE_TOO_MANY_PIXELS"],
    ["tiff.tif", "II*\u0000\u0008\u0000\u0000\u0000", 422, "SOURCE_UNSUPPORTED"],
    ["iphone.heic", heifHeader(["heic", "mif1", "heic"], "hvc1").buffer, 415, "UNSUPPORTED_HEIC"],
    ["plain-mif1.heif (an hvc1 item under AVIF's structural brands)", heifHeader(["mif1", "mif1", "miaf"], "hvc1").buffer, 415, "UNSUPPORTED_HEIC"],
  ];
  it.each(cases)("%s", async (name, bytes, status, code) => {
    await seed(name, bytes);
    const response = await get(await signedPath(name, "100x100", "crop", ".jpg"));
    expect(response.status).toBe(status);
    expect(await errorCode(response)).toBe(code);
    expect(await storedKeys(`${name}/`)).toEqual([]);
  });

  it.each([
    ["truncated.jpg", truncatedJpg],
    ["truncated.png", truncatedPng],
  ])("%s gives a thumbnail of what is there (the rest grey or transparent), never a 500", async (name, bytes) => {
    await seed(name, bytes);
    const response = await get(await signedPath(name, "100x100", "crop", ".png"));
    expect(response.status).toBe(200);
    const image = await decodeImage(await response.arrayBuffer());
    expect([image.width, image.height]).toEqual([100, 100]);
  });

  it("over MAX_SOURCE_BYTES → 413 without decoding", async () => {
    await seed("big.jpg", kitten);
    const response = await withSettings({ MAX_SOURCE_BYTES: "1000" }, await signedPath("big.jpg", "10x10", "crop", ".jpg"));
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe("SOURCE_TOO_LARGE");
    expect(await storedKeys("big.jpg/")).toEqual([]);
  });

  it("a PNG of any size streams into a small thumbnail (rows, not frames)", async () => {
    await seed("big.png", big);
    const response = await get(await signedPath("big.png", "100x100", "crop", ".jpg"));
    expect(response.status).toBe(200);
    const image = await decodeImage(await response.arrayBuffer());
    expect([image.width, image.height]).toEqual([100, 100]);
  });

  it("a thumbnail that would need more than one request's memory → 413 naming the need and the limit", async () => {
    await seed("big.png", big);
    // AVIF's encoder (jSquash) holds ~37 bytes per output pixel: 2000×2000 needs ~150 MB.
    const response = await get(await signedPath("big.png", "2000x2000", "crop", ".avif"));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("OVER_MEMORY_LIMIT");
    expect(body.error.message).toMatch(/^source: 3000x3000 png for 2000x2000\/crop\.avif: needs ~\d+ MB of memory; expected at most 64 MB \(REQUEST_MEMORY_MB\)$/);
    expect(await storedKeys("big.png/2000x2000/")).toEqual([]);
  });

  it("over MAX_SOURCE_PIXELS → 413", async () => {
    await seed("kitten.jpg", kitten);
    const response = await withSettings({ MAX_SOURCE_PIXELS: "100000" }, await signedPath("kitten.jpg", "10x10", "crop", ".jpg"));
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe("SOURCE_TOO_MANY_PIXELS");
  });
});

describe("signatures through the worker", () => {
  it("a wrong signature or key is 403 and generates nothing", async () => {
    await seed("signed.jpg", kitten);
    const wrongKey = await signedPath("signed.jpg", "100x100", "crop", ".jpg", "not-the-secret");
    expect((await get(wrongKey)).status).toBe(403);
    const tampered = (await signedPath("signed.jpg", "100x100", "crop", ".jpg")).replace("100x100", "100x101");
    expect((await get(tampered)).status).toBe(403);
    expect(await storedKeys("signed.jpg/")).toEqual([]);
  });

  it("rotation: every key in THUMBS_SECRET verifies; a removed key's URLs are refused unless the edge cache has them", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "10x10", "crop", ".png", "old-key");
    const run = async (settings: Record<string, string>, host: string) => {
      const ctx = createExecutionContext();
      const response = await worker.fetch(new Request(`https://${host}${path}`), { ...env, ...settings }, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    expect((await run({ THUMBS_SECRET: "new-key, old-key" }, "rotation.example.com")).status).toBe(200);
    expect((await run({ THUMBS_SECRET: "new-key" }, "other.example.com")).status).toBe(403);
    // The documented trade-off of looking the cache up before verifying (README "Key rotation").
    const cached = await run({ THUMBS_SECRET: "new-key" }, "rotation.example.com");
    expect([cached.status, cached.headers.get("X-Thumbnail")]).toEqual([200, "cached"]);
  });

  it("only verified URLs enter the edge cache", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "12x12", "crop", ".jpg", "not-the-secret");
    expect((await withSettings({}, path)).status).toBe(403);
    expect((await withSettings({}, path)).status).toBe(403);
    expect(await caches.default.match(`https://thumbs.example.com${path}`)).toBeUndefined();
  });

  it("legacy django-rest-thumbnails signatures verify only with LEGACY_SECRET_KEY set", async () => {
    await seed("animals/kitten.jpg", kitten);
    const parts = { source: "animals/kitten.jpg", size: "100x100", method: "crop", ext: ".jpg" };
    const path = `/animals/kitten.jpg/100x100/crop/${await signLegacy("django-secret", parts)}.jpg`;
    expect((await get(path)).status).toBe(403);
    const response = await withSettings({ LEGACY_SECRET_KEY: "django-secret" }, path);
    expect(response.status).toBe(200);
    expect((await decodeImage(await response.arrayBuffer())).width).toBe(100);
  });

  it("with LEGACY_SECRET_KEY set, a legacy signature that does not verify is 401 (as django-rest-thumbnails answered); v1 stays 403", async () => {
    await seed("animals/kitten.jpg", kitten);
    const parts = { source: "animals/kitten.jpg", size: "90x90", method: "crop", ext: ".jpg" };
    const wrongLegacy = `/animals/kitten.jpg/90x90/crop/${await signLegacy("another-secret", parts)}.jpg`;
    const legacy = await withSettings({ LEGACY_SECRET_KEY: "django-secret" }, wrongLegacy);
    expect(legacy.status).toBe(401);
    expect(await errorCode(legacy)).toBe("BAD_LEGACY_SIGNATURE");
    const wrongV1 = await withSettings({ LEGACY_SECRET_KEY: "django-secret" }, await signedPath("animals/kitten.jpg", "90x90", "crop", ".jpg", "not-the-secret"));
    expect(wrongV1.status).toBe(403);
    expect(await errorCode(wrongV1)).toBe("BAD_SIGNATURE");
    expect(await storedKeys("animals/kitten.jpg/90x90/")).toEqual([]);
  });
});

describe("locking", () => {
  it("20 concurrent identical cold requests generate once, and all get 200", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "150x150", "smart", ".webp");
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(path)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const served = responses.map((r) => r.headers.get("X-Thumbnail"));
    expect(served.filter((s) => s === "generated")).toHaveLength(1);
    const sizes = await Promise.all(responses.map(async (r) => (await r.arrayBuffer()).byteLength));
    expect(new Set(sizes).size).toBe(1);
  });

  it("concurrent requests for a bad source all get the holder's 422", async () => {
    await seed("bad.jpg", corrupt);
    const path = await signedPath("bad.jpg", "150x150", "crop", ".jpg");
    const responses = await Promise.all(Array.from({ length: 5 }, () => get(path)));
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(422));
  });

  it("a dead holder loses the lock after its lease, and the next request takes over", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "90x90", "crop", ".jpg");
    const key = `kitten.jpg/90x90/crop/${path.split("/").pop()}`;
    const stub = env.LOCKS.get(env.LOCKS.idFromName(key));
    // A holder that took a 1 s lease and died without releasing it.
    expect((await stub.acquire(1000, 0)).kind).toBe("acquired");
    const started = Date.now();
    const response = await withSettings({ LOCK_TIMEOUT: "5" }, path);
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Thumbnail")).toBe("generated");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("a holder that outlives LOCK_TIMEOUT makes waiters answer 503 with Retry-After", async () => {
    await seed("kitten.jpg", kitten);
    const path = await signedPath("kitten.jpg", "91x91", "crop", ".jpg");
    const key = `kitten.jpg/91x91/crop/${path.split("/").pop()}`;
    const stub = env.LOCKS.get(env.LOCKS.idFromName(key));
    expect((await stub.acquire(30_000, 0)).kind).toBe("acquired");
    const response = await withSettings({ LOCK_TIMEOUT: "1" }, path);
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(await errorCode(response)).toBe("LOCK_TIMEOUT");
  });
});
