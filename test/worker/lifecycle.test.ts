/** Purge, upload events through the queue consumer, warming, info documents (issue 9). */
import { createExecutionContext, createMessageBatch, env, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { thumbHashToRGBA } from "thumbhash";
import { afterEach, describe, expect, it, vi } from "vitest";
import bird from "../fixtures/embedgravitybird.png?bytes";
import greyAlpha from "../fixtures/16-bit-grey-alpha.png?bytes";
import corrupt from "../fixtures/corrupt-header.jpg?bytes";
import kitten from "../fixtures/kitten.jpg?bytes";
import landscape6 from "../fixtures/Landscape_6.jpg?bytes";
import refLandscape from "../fixtures/references/landscape-120x90-scale.png?bytes";
import worker from "../../src/index";
import { sourceTag } from "../../src/cache";
import { dominantColour } from "../../src/info";
import { signInfoLegacy, signInfoV1, signV1 } from "../../src/signature";
import { encodeSourcePath } from "../../src/url";
import { SECRET, decodeImage, seed, signedPath, storedKeys } from "./helpers";

const TOKEN = "admin-token-0123456789";
const ZONE = "0123456789abcdef0123456789abcdef";
const PRESETS = "40x40/crop.jpg,64x/scale.webp,info";
const HOST = "https://thumbs.example.com";

type Settings = Record<string, unknown>;

async function call(settings: Settings, path: string, init?: RequestInit, host = HOST): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${host}${path}`, init), { ...env, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const admin = (path: "/_purge" | "/_warm", sources: unknown, settings: Settings = {}, token: string | null = TOKEN) =>
  call({ ADMIN_TOKEN: TOKEN, ...settings }, path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ sources }),
  });

let nextId = 0;
async function runQueue(bodies: unknown[], settings: Settings = {}) {
  const messages = bodies.map((body) => ({ id: `m${++nextId}`, timestamp: new Date(), attempts: 1, body }));
  const batch = createMessageBatch("thumbsmith-events", messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, Object.assign({}, env, { PRESETS }, settings), ctx);
  const result = await getQueueResult(batch, ctx);
  return { ids: messages.map((m) => m.id), result };
}

const r2Event = (action: string, key: string) => ({
  account: "0123",
  action,
  bucket: "thumbsmith-sources",
  object: { key, size: 1, eTag: "e" },
  eventTime: new Date().toISOString(),
});

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function infoPath(source: string, secret = SECRET): Promise<string> {
  return `/${encodeSourcePath(source)}/info/${await signInfoV1(secret, source)}.json`;
}

/** The stored key of a thumbnail path (THUMB_PREFIX empty). */
function keyOf(source: string, path: string): string {
  return `${source}/${path.split("/").slice(-3).join("/")}`;
}

/** A log spy: the JSON lines the worker wrote. */
function logLines() {
  const spy = vi.spyOn(console, "log");
  return () => spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("POST _purge", () => {
  it("does not exist without ADMIN_TOKEN (404), refuses a missing or wrong token (401) and then deletes nothing", async () => {
    await seed("purge/auth.jpg", kitten);
    const path = await signedPath("purge/auth.jpg", "30x30", "crop", ".jpg");
    expect((await call({}, path)).status).toBe(200);
    const key = keyOf("purge/auth.jpg", path);

    const off = await call({}, "/_purge", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: '{"sources":["purge/auth.jpg"]}' });
    expect(off.status).toBe(404);
    for (const token of [null, "wrong-token-0123456789", `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const refused = await admin("/_purge", ["purge/auth.jpg"], {}, token);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      expect(await errorCode(refused)).toBe("UNAUTHORIZED");
    }
    expect(await storedKeys("purge/auth.jpg/")).toEqual([key]);
  });

  it("bad bodies are 400 BAD_BODY naming the problem", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[], /1 to 1000/],
      [Array.from({ length: 1001 }, (_, i) => `s${i}.jpg`), /1 to 1000/],
      [[42], /sources\[0\]: expected a string/],
      [["ok.jpg", "a//b.jpg"], /sources\[1\]: source: expected no empty/],
    ];
    for (const [sources, message] of cases) {
      const response = await admin("/_purge", sources);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "BAD_BODY", message: expect.stringMatching(message) });
    }
    const notJson = await call({ ADMIN_TOKEN: TOKEN }, "/_purge", { method: "POST", headers: { Authorization: `Bearer ${TOKEN}` }, body: "sources=a.jpg" });
    expect(await errorCode(notJson)).toBe("BAD_BODY");
  });

  it("generate, replace the source, purge: the next request is generated from the new source (edge copy gone too)", async () => {
    await seed("purge/replace.jpg", kitten);
    const path = await signedPath("purge/replace.jpg", "100x", "scale", ".png");
    const info = await infoPath("purge/replace.jpg");
    const first = await call({}, path);
    expect(first.headers.get("X-Thumbnail")).toBe("generated");
    expect((await decodeImage(await first.arrayBuffer())).height).toBe(68);
    expect((await call({}, info)).status).toBe(200);
    expect((await call({}, path)).headers.get("X-Thumbnail")).toBe("cached");
    // The cached copy carries the source's tag, for a zone purge by tag.
    const cachedCopy = await caches.default.match(`${HOST}${path}`);
    expect(cachedCopy?.headers.get("Cache-Tag")).toBe(await sourceTag("", "purge/replace.jpg"));
    await cachedCopy?.arrayBuffer();

    await seed("purge/replace.jpg", landscape6);
    // A thumbnail of a source "below" this one shares the prefix and must survive.
    await seed("purge/replace.jpg/under.jpg", kitten);
    const under = await signedPath("purge/replace.jpg/under.jpg", "20x20", "crop", ".jpg");
    expect((await call({}, under)).status).toBe(200);

    const purged = await admin("/_purge", ["purge/replace.jpg", "purge/none.jpg"]);
    expect(purged.status).toBe(200);
    expect(await purged.json()).toEqual({
      sources: [
        { source: "purge/replace.jpg", deleted: 2 },
        { source: "purge/none.jpg", deleted: 0 },
      ],
      deleted: 2,
      edge: "local",
    });
    expect(await storedKeys("purge/replace.jpg/")).toEqual([keyOf("purge/replace.jpg/under.jpg", under)]);

    const next = await call({}, path);
    expect(next.headers.get("X-Thumbnail")).toBe("generated");
    // Landscape_6 is 600×450 as displayed: 100 wide is 75 high (the kitten gave 68).
    expect((await decodeImage(await next.arrayBuffer())).height).toBe(75);
    expect(((await (await call({}, info)).json()) as { width: number }).width).toBe(600);
  });

  it("a cached thumbnail is served from the isolate's memory without the Cache API, and a purge drops it there too", async () => {
    await seed("purge/hot.jpg", kitten);
    const path = await signedPath("purge/hot.jpg", "60x", "scale", ".jpg");
    expect((await call({}, path)).headers.get("X-Thumbnail")).toBe("generated");
    // Let the background put finish, then take the edge's copy away: only the hot cache can answer.
    expect((await call({}, path)).headers.get("X-Thumbnail")).toBe("cached");
    expect(await caches.default.delete(`${HOST}${path}`)).toBe(true);
    const hot = await call({}, path);
    expect(hot.headers.get("X-Thumbnail")).toBe("cached");
    expect((await decodeImage(await hot.arrayBuffer())).width).toBe(60);

    await seed("purge/hot.jpg", landscape6);
    expect((await admin("/_purge", ["purge/hot.jpg"])).status).toBe(200);
    const next = await call({}, path);
    expect(next.headers.get("X-Thumbnail")).toBe("generated");
    expect((await decodeImage(await next.arrayBuffer())).height).toBe(45);
  });

  it.each([
    ["local", {}],
    ["zone", { CACHE_ZONE_ID: ZONE, CACHE_PURGE_TOKEN: "t" }],
  ] as const)("a source with 1000 thumbnails: one R2 list and one batch delete (edge %s)", async (edge, settings) => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ success: true, errors: [] })));
    const source = `purge/thousand-${edge}.jpg`;
    const keys = Array.from({ length: 1000 }, (_, i) => `${source}/${i + 1}x/scale/${i.toString(16).padStart(32, "0")}.jpg`);
    for (let i = 0; i < keys.length; i += 100) await Promise.all(keys.slice(i, i + 100).map((key) => env.THUMBS.put(key, new Uint8Array([1]))));
    const calls = { list: 0, delete: 0 };
    const thumbs = new Proxy(env.THUMBS, {
      get(target, name: string) {
        if (name === "list" || name === "delete") calls[name]++;
        const value = Reflect.get(target, name) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const start = Date.now();
    const response = await admin("/_purge", [source], { THUMBS: thumbs, ...settings });
    const ms = Date.now() - start;
    expect(await response.json()).toMatchObject({ deleted: 1000, edge });
    expect(calls).toEqual({ list: 1, delete: 1 });
    expect(await storedKeys(`${source}/`)).toEqual([]);
    console.info(`purge of 1000 thumbnails (edge ${edge}): ${ms} ms`);
  });

  it("with CACHE_ZONE_ID and CACHE_PURGE_TOKEN: a zone purge of the sources' cache tags, 100 per call", async () => {
    const fetchStub = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json({ success: true, errors: [], result: { id: ZONE } }));
    vi.stubGlobal("fetch", fetchStub);
    const sources = Array.from({ length: 150 }, (_, i) => `zone/${i}.jpg`);
    const response = await admin("/_purge", sources, { CACHE_ZONE_ID: ZONE, CACHE_PURGE_TOKEN: "cf-token" });
    expect(await response.json()).toMatchObject({ deleted: 0, edge: "zone" });
    expect(fetchStub).toHaveBeenCalledTimes(2);
    const tags: string[] = [];
    for (const [url, init] of fetchStub.mock.calls) {
      expect(String(url)).toBe(`https://api.cloudflare.com/client/v4/zones/${ZONE}/purge_cache`);
      expect(init?.method).toBe("POST");
      expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer cf-token");
      tags.push(...(JSON.parse(String(init?.body)) as { tags: string[] }).tags);
    }
    expect(tags).toEqual(await Promise.all(sources.map((source) => sourceTag("", source))));

    fetchStub.mockImplementation(async () => Response.json({ success: false, errors: [{ code: 10000, message: "Authentication error" }] }, { status: 403 }));
    const failed = await admin("/_purge", ["zone/0.jpg"], { CACHE_ZONE_ID: ZONE, CACHE_PURGE_TOKEN: "bad" });
    expect(failed.status).toBe(502);
    expect(await errorCode(failed)).toBe("EDGE_PURGE_FAILED");
  });
});

describe("queue consumer", () => {
  it("an upload purges the source's old derivatives and makes its PRESETS, stored under the first key's signatures", async () => {
    await seed("queue/new.jpg", kitten);
    const stale = "queue/new.jpg/10x10/crop/00000000000000000000000000000000.jpg";
    await env.THUMBS.put(stale, new Uint8Array([1]));
    const { ids, result } = await runQueue([r2Event("PutObject", "queue/new.jpg")]);
    expect(result.explicitAcks).toEqual(ids);
    expect(result.retryMessages).toEqual([]);
    const crop = await signedPath("queue/new.jpg", "40x40", "crop", ".jpg");
    const scale = await signedPath("queue/new.jpg", "64x", "scale", ".webp");
    const info = await infoPath("queue/new.jpg");
    expect((await storedKeys("queue/new.jpg/")).sort()).toEqual([keyOf("queue/new.jpg", crop), keyOf("queue/new.jpg", scale), `queue/new.jpg/info/${info.split("/").pop()}`].sort());
    const image = await decodeImage(await (await env.THUMBS.get(keyOf("queue/new.jpg", scale)))!.arrayBuffer());
    expect([image.width, image.height]).toEqual([64, 44]);
    // A visitor's URL for a preset is served from R2.
    expect((await call({ PRESETS }, crop)).headers.get("X-Thumbnail")).toBe("stored");
  });

  it("a visitor asking for a preset while the consumer makes it waits for it: generated once", async () => {
    await seed("queue/race.jpg", kitten);
    const lines = logLines();
    const crop = await signedPath("queue/race.jpg", "40x40", "crop", ".jpg");
    const [visitor] = await Promise.all([call({ PRESETS }, crop), runQueue([{ type: "thumbsmith.warm", source: "queue/race.jpg" }])]);
    expect(visitor.status).toBe(200);
    const made = lines().filter((line) => line.event === "generated" && line.key === keyOf("queue/race.jpg", crop));
    expect(made).toHaveLength(1);
  });

  it("an overwrite replaces every size: presets are made again from the new bytes, other sizes on their next request", async () => {
    await seed("queue/over.jpg", kitten);
    const other = await signedPath("queue/over.jpg", "100x", "scale", ".jpg");
    const preset = await signedPath("queue/over.jpg", "64x", "scale", ".webp");
    expect((await decodeImage(await (await call({}, other)).arrayBuffer())).height).toBe(68);
    await runQueue([r2Event("PutObject", "queue/over.jpg")]);
    expect((await decodeImage(await (await env.THUMBS.get(keyOf("queue/over.jpg", preset)))!.arrayBuffer())).height).toBe(44);

    await seed("queue/over.jpg", landscape6);
    const { ids, result } = await runQueue([r2Event("CompleteMultipartUpload", "queue/over.jpg")]);
    expect(result.explicitAcks).toEqual(ids);
    expect((await decodeImage(await (await env.THUMBS.get(keyOf("queue/over.jpg", preset)))!.arrayBuffer())).height).toBe(48);
    expect(await env.THUMBS.head(keyOf("queue/over.jpg", other))).toBeNull();
    // The consumer has no origin to delete this data centre's copies under: that is the zone purge's
    // part (next test). A data centre without a copy makes it again from the new bytes.
    const again = await call({}, other, undefined, "https://elsewhere.example.com");
    expect(again.headers.get("X-Thumbnail")).toBe("generated");
    expect((await decodeImage(await again.arrayBuffer())).height).toBe(75);
  });

  it("a delete purges; the next request is 404", async () => {
    await seed("queue/gone.jpg", kitten);
    const path = await signedPath("queue/gone.jpg", "50x50", "crop", ".jpg");
    expect((await call({}, path)).status).toBe(200);
    await env.SOURCES.delete("queue/gone.jpg");
    const { ids, result } = await runQueue([r2Event("DeleteObject", "queue/gone.jpg")]);
    expect(result.explicitAcks).toEqual(ids);
    expect(await storedKeys("queue/gone.jpg/")).toEqual([]);
    const response = await call({}, path, undefined, "https://elsewhere.example.com");
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("SOURCE_NOT_FOUND");
  });

  it("malformed messages and other actions are logged and acked, never retried", async () => {
    const lines = logLines();
    const bodies = ["not json", null, { action: "PutObject" }, { action: "PutObject", object: { key: 7 } }, r2Event("GetObject", "queue/x.jpg"), r2Event("PutObject", "a//b.jpg"), { type: "thumbsmith.warm" }];
    const { ids, result } = await runQueue(bodies);
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());
    expect(result.retryMessages).toEqual([]);
    const ignored = lines().filter((line) => line.outcome === "ignored");
    expect(ignored.map((line) => line.id).sort()).toEqual([...ids].sort());
    expect(ignored.map((line) => line.reason)).toContain("not a key thumbnail URLs can name");
  });

  it("a source that cannot be decoded is logged once and acked: no retry, nothing stored", async () => {
    await seed("queue/corrupt.jpg", corrupt);
    const lines = logLines();
    const { ids, result } = await runQueue([r2Event("PutObject", "queue/corrupt.jpg")]);
    expect(result.explicitAcks).toEqual(ids);
    expect(result.retryMessages).toEqual([]);
    const refused = lines().filter((line) => line.event === "queue" && line.id === ids[0]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: "source-refused", code: "SOURCE_UNDECODABLE" });
    expect(await storedKeys("queue/corrupt.jpg/")).toEqual([]);
  });

  it("with zone purge settings, the batch's sources are purged by tag in every data centre, in one call", async () => {
    const fetchStub = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => Response.json({ success: true, errors: [] }));
    vi.stubGlobal("fetch", fetchStub);
    await seed("queue/z1.jpg", kitten);
    const { ids, result } = await runQueue([r2Event("PutObject", "queue/z1.jpg"), r2Event("DeleteObject", "queue/z2.jpg"), r2Event("PutObject", "queue/z1.jpg")], {
      CACHE_ZONE_ID: ZONE,
      CACHE_PURGE_TOKEN: "t",
    });
    expect(result.explicitAcks).toEqual(ids);
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(fetchStub.mock.calls[0]?.[1]?.body))).toEqual({ tags: [await sourceTag("", "queue/z1.jpg"), await sourceTag("", "queue/z2.jpg")] });
  });

  it("a transient failure (the zone purge failing) retries the message with a growing delay, for the dead-letter queue after max_retries", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("busy", { status: 503 })));
    await seed("queue/retry.jpg", kitten);
    const lines = logLines();
    const { ids, result } = await runQueue([r2Event("PutObject", "queue/retry.jpg")], { CACHE_ZONE_ID: ZONE, CACHE_PURGE_TOKEN: "t" });
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: ids[0] }]);
    expect(lines().find((line) => line.outcome === "retry")).toMatchObject({ code: "EDGE_PURGE_FAILED", delaySeconds: 10 });
    expect(await storedKeys("queue/retry.jpg/")).toEqual([]);
  });

  it("keys outside SOURCE_PREFIX are ignored; inside it the prefix is dropped", async () => {
    await seed("in/queue/p.jpg", kitten);
    const { result } = await runQueue([r2Event("PutObject", "in/queue/p.jpg"), r2Event("PutObject", "elsewhere/p.jpg")], { SOURCE_PREFIX: "in/", THUMB_PREFIX: "out/" });
    expect(result.explicitAcks).toHaveLength(2);
    const crop = await signedPath("queue/p.jpg", "40x40", "crop", ".jpg");
    expect(await storedKeys("out/queue/p.jpg/")).toContain(`out/${keyOf("queue/p.jpg", crop)}`);
  });
});

describe("POST _warm", () => {
  it("queues each source; the consumer makes their presets; then preset URLs answer stored or cached, never generated", async () => {
    await seed("warm/a.jpg", kitten);
    await seed("warm/b.png", bird);
    const sent: unknown[] = [];
    const EVENTS = { sendBatch: vi.fn(async (messages: Array<{ body: unknown }>) => void sent.push(...messages.map((m) => m.body))) };
    const response = await admin("/_warm", ["warm/a.jpg", "warm/b.png"], { PRESETS, EVENTS });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ queued: 2, presets: 3 });
    expect(sent).toEqual([
      { type: "thumbsmith.warm", source: "warm/a.jpg" },
      { type: "thumbsmith.warm", source: "warm/b.png" },
    ]);
    const { ids, result } = await runQueue(sent);
    expect(result.explicitAcks).toEqual(ids);
    for (const source of ["warm/a.jpg", "warm/b.png"]) {
      for (const [size, method, ext] of [["40x40", "crop", ".jpg"], ["64x", "scale", ".webp"]] as const) {
        const first = await call({ PRESETS }, await signedPath(source, size, method, ext));
        expect(first.status).toBe(200);
        expect(["stored", "cached"]).toContain(first.headers.get("X-Thumbnail"));
      }
      expect((await call({ PRESETS }, await infoPath(source))).headers.get("X-Thumbnail")).toBe("stored");
    }
    // Unauthorised: nothing queued.
    expect((await admin("/_warm", ["warm/a.jpg"], { EVENTS }, "nope-nope-nope-nope")).status).toBe(401);
    expect(EVENTS.sendBatch).toHaveBeenCalledTimes(1);
  });

  it("1000 sources go out in batches of 100", async () => {
    const EVENTS = { sendBatch: vi.fn(async () => undefined) };
    const response = await admin("/_warm", Array.from({ length: 1000 }, (_, i) => `w/${i}.jpg`), { EVENTS });
    expect(await response.json()).toMatchObject({ queued: 1000 });
    expect(EVENTS.sendBatch).toHaveBeenCalledTimes(10);
  });
});

/** Mean colour of each cell of a cols×rows grid: a picture's layout, coarsely. */
function grid(p: { data: ArrayLike<number>; width: number; height: number }, cols: number, rows: number): number[] {
  const out: number[] = [];
  for (let gy = 0; gy < rows; gy++) {
    for (let gx = 0; gx < cols; gx++) {
      const sum = [0, 0, 0];
      let n = 0;
      for (let y = Math.floor((gy * p.height) / rows); y < Math.floor(((gy + 1) * p.height) / rows); y++) {
        for (let x = Math.floor((gx * p.width) / cols); x < Math.floor(((gx + 1) * p.width) / cols); x++) {
          for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (p.data[(y * p.width + x) * 4 + c] ?? 0);
          n++;
        }
      }
      out.push(...sum.map((v) => v / n));
    }
  }
  return out;
}

const meanAbs = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 0)), 0) / a.length;

describe("info documents", () => {
  it("an EXIF-6 photo: displayed (swapped) size, and a ThumbHash that decodes to the picture the right way up", async () => {
    await seed("info/landscape6.jpg", landscape6);
    const response = await call({}, await infoPath("info/landscape6.jpg"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("X-Thumbnail")).toBe("generated");
    const doc = (await response.json()) as { width: number; height: number; format: string; bytes: number; hasAlpha: boolean; dominantColor: string; thumbhash: string };
    expect(doc).toMatchObject({ width: 600, height: 450, format: "jpeg", bytes: landscape6.byteLength, hasAlpha: false });
    expect(doc.dominantColor).toMatch(/^#[0-9a-f]{6}$/);

    const hash = Uint8Array.from(atob(doc.thumbhash), (c) => c.charCodeAt(0));
    const decoded = thumbHashToRGBA(hash);
    // Landscape: ThumbHash keeps the aspect ratio (32 px on the long side).
    expect(decoded.w).toBeGreaterThan(decoded.h);
    const reference = await decodeImage(refLandscape); // sharp's 120×90, EXIF applied
    const placeholder = grid({ data: decoded.rgba, width: decoded.w, height: decoded.h }, 4, 3);
    const expected = grid(reference, 4, 3);
    const upsideDown = [...grid(reference, 4, 3)].map((_, i, all) => all[(11 - Math.floor(i / 3)) * 3 + (i % 3)] ?? 0);
    const error = meanAbs(placeholder, expected);
    console.info(`thumbhash vs sharp reference, 4×3 grid mean |Δ|: ${error.toFixed(1)} (upside down: ${meanAbs(placeholder, upsideDown).toFixed(1)})`);
    expect(error).toBeLessThan(20);
    expect(meanAbs(placeholder, upsideDown)).toBeGreaterThan(error * 2);

    // Stored and then cached like a thumbnail.
    const key = `info/landscape6.jpg/info/${(await infoPath("info/landscape6.jpg")).split("/").pop()}`;
    expect(await storedKeys("info/landscape6.jpg/")).toEqual([key]);
    expect((await call({}, await infoPath("info/landscape6.jpg"))).headers.get("X-Thumbnail")).toBe("cached");
  });

  it("hasAlpha: a PNG with transparency has it, an opaque RGBA PNG not; the dominant colour is the most common one, not the mean", async () => {
    await seed("info/grey-alpha.png", greyAlpha);
    await seed("info/bird.png", bird);
    const read = async (source: string) => (await (await call({}, await infoPath(source))).json()) as { hasAlpha: boolean; format: string; width: number; height: number };
    expect(await read("info/grey-alpha.png")).toMatchObject({ hasAlpha: true, format: "png", width: 109, height: 96 });
    expect(await read("info/bird.png")).toMatchObject({ hasAlpha: false, format: "png", width: 576, height: 384 });

    // Two thirds red, one third blue: the mean would be purple.
    const flag = new Uint8ClampedArray(90 * 30 * 4);
    for (let p = 0; p < 90 * 30; p++) flag.set(p % 90 < 60 ? [255, 0, 0, 255] : [0, 0, 255, 255], p * 4);
    expect(dominantColour({ data: flag, width: 90, height: 30 }, { r: 1, g: 2, b: 3 })).toBe("#ff0000");
    expect(dominantColour({ data: new Uint8ClampedArray(4 * 4), width: 2, height: 2 }, { r: 1, g: 2, b: 3 })).toBe("#010203");
  });

  it("is signed over {source}/info.json: v1 and legacy verify, anything else is refused", async () => {
    await seed("info/signed.jpg", kitten);
    const legacy = `/info/signed.jpg/info/${await signInfoLegacy("django-secret", "info/signed.jpg")}.json`;
    expect((await call({ LEGACY_SECRET_KEY: "django-secret" }, legacy)).status).toBe(200);
    // A thumbnail's signature is not an info signature.
    const thumb = await signV1(SECRET, { source: "info/signed.jpg", size: "100x100", method: "crop", ext: ".jpg" });
    const wrong = await call({}, `/info/signed.jpg/info/${thumb}.json`);
    expect(wrong.status).toBe(403);
    expect(await errorCode(wrong)).toBe("BAD_SIGNATURE");
    expect((await call({}, await infoPath("info/missing.jpg"))).status).toBe(404);
    const undecodable = "info/corrupt.jpg";
    await seed(undecodable, corrupt);
    expect((await call({}, await infoPath(undecodable))).status).toBe(422);
  });
});
