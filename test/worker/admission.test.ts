/**
 * Admission through the whole worker: with an isolate budget that fits one request at a time,
 * concurrent cold thumbnails queue for memory instead of running together, and a request that
 * cannot get memory within LOCK_TIMEOUT answers 503 BUSY with Retry-After.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import photo from "../fixtures/2569067123_aca715a2ee_o.jpg?bytes";
import kitten from "../fixtures/kitten.jpg?bytes";
import { parseConfig } from "../../src/config";
import { isolateLedger } from "../../src/isolate";
import { decodeImage, getThumb, seed, signedPath, withSettings } from "./helpers";

// A 300 px crop of this 6 MP JPEG reserves ~14 MB (source, decode at 1/2, output): two do not fit in 24.
const SETTINGS = { ISOLATE_MEMORY_MB: "24", REQUEST_MEMORY_MB: "24" };
const MB = 1024 * 1024;

const ledger = () => isolateLedger(parseConfig({ ...env, ...SETTINGS }));

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe("memory admission", () => {
  it("concurrent cold requests queue for memory, are admitted one at a time, and all get their thumbnail", async () => {
    await seed("queue/photo.jpg", photo);
    const sizes = [300, 290, 280, 270, 260, 250];
    const l = ledger();
    // Held until every request is queued, so that they all meet at the ledger whatever their timing.
    const gate = await l.reserve(24 * MB, { timeoutMs: 1000 });
    const heldWhenAdmitted: number[] = [];
    const reserve = l.reserve;
    l.reserve = async (bytes, options) => {
      const reservation = await reserve.call(l, bytes, options);
      heldWhenAdmitted.push(l.snapshot().reserved);
      return reservation;
    };
    try {
      const results = Promise.all(
        sizes.map(async (side) => {
          const path = await signedPath("queue/photo.jpg", `${side}x${side}`, "crop", ".jpg");
          let response = await withSettings(SETTINGS, path);
          if (response.status === 503) {
            expect(response.headers.get("Retry-After")).toBe("1");
            expect(await errorCode(response)).toBe("BUSY");
            response = await withSettings(SETTINGS, path);
          }
          return { side, response };
        }),
      );
      for (let i = 0; i < 500 && l.snapshot().waiting < sizes.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(l.snapshot().waiting).toBe(sizes.length);
      gate.release();
      for (const { side, response } of await results) {
        expect(response.status).toBe(200);
        const image = await decodeImage(await response.arrayBuffer());
        expect([image.width, image.height]).toEqual([side, side]);
      }
    } finally {
      l.reserve = reserve;
    }
    // One at a time: each held ~14 MB alone, never two together (which would be over 24 MB).
    expect(heldWhenAdmitted).toHaveLength(sizes.length);
    for (const held of heldWhenAdmitted) {
      expect(held).toBeGreaterThan(10 * MB);
      expect(held).toBeLessThanOrEqual(20 * MB);
    }
    expect(l.snapshot()).toMatchObject({ reserved: 0, buffers: 0, waiting: 0 });
  });

  it("a request that finds no memory within LOCK_TIMEOUT gets 503 BUSY with Retry-After, and its retry gets 200", async () => {
    await seed("busy/photo.jpg", photo);
    const path = await signedPath("busy/photo.jpg", "200x200", "crop", ".jpg");
    // Everything the isolate has, taken by "another request".
    const other = await ledger().reserve(24 * MB, { timeoutMs: 1000 });
    const started = Date.now();
    const pending = withSettings({ ...SETTINGS, LOCK_TIMEOUT: "1" }, path);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ledger().snapshot().waiting).toBe(1);
    const busy = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("Retry-After")).toBe("1");
    expect(await errorCode(busy)).toBe("BUSY");
    expect(ledger().snapshot()).toMatchObject({ reserved: 24 * MB, buffers: 0, waiting: 0 });

    other.release();
    const retry = await withSettings({ ...SETTINGS, LOCK_TIMEOUT: "1" }, path);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("X-Thumbnail")).toBe("generated");
    const image = await decodeImage(await retry.arrayBuffer());
    expect([image.width, image.height]).toEqual([200, 200]);
    expect(ledger().snapshot()).toMatchObject({ reserved: 0, buffers: 0, waiting: 0 });
  });

  it.each([
    ["past the first 64 KiB (found in the second probe: source + estimate reserved)", 2, false],
    ["past 1 MiB (not found: the request ceiling reserved until the body is read)", 20, true],
  ])("a JPEG whose header runs %s still gets its thumbnail", async (_, segments, ceiling) => {
    // kitten.jpg with `segments` APP15 segments of 65533 bytes inserted after SOI.
    const body = new Uint8Array(kitten);
    const app = new Uint8Array(65535);
    app.set([0xff, 0xef, 0xff, 0xfd]);
    const parts = [body.subarray(0, 2), ...Array.from({ length: segments }, () => app), body.subarray(2)];
    const padded = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    parts.reduce((offset, p) => (padded.set(p, offset), offset + p.byteLength), 0);
    const key = `long-header-${segments}.jpg`;
    await seed(key, padded);
    const l = isolateLedger(parseConfig(env));
    const requested: number[] = [];
    const reserve = l.reserve;
    l.reserve = (bytes, options) => (requested.push(bytes), reserve.call(l, bytes, options));
    let response;
    try {
      response = await getThumb(key, "120x", "scale", ".jpg");
    } finally {
      l.reserve = reserve;
    }
    expect(response.status).toBe(200);
    const image = await decodeImage(await response.arrayBuffer());
    expect([image.width, image.height]).toEqual([120, 82]);
    expect(requested).toHaveLength(1);
    expect(requested[0] === 64 * MB).toBe(ceiling);
    expect(requested[0]).toBeGreaterThan(padded.byteLength);
    expect(l.snapshot()).toMatchObject({ reserved: 0, buffers: 0, waiting: 0 });
  });

  it("a source read into a core too small for the plan its whole file shows moves to a core of the right size", async () => {
    // The header past 1 MiB: the body is read into a core sized for the body alone; 2000×2000 needs more.
    const body = new Uint8Array(kitten);
    const app = new Uint8Array(65535);
    app.set([0xff, 0xef, 0xff, 0xfd]);
    const parts = [body.subarray(0, 2), ...Array.from({ length: 20 }, () => app), body.subarray(2)];
    const padded = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    parts.reduce((offset, p) => (padded.set(p, offset), offset + p.byteLength), 0);
    await seed("long-header-large.jpg", padded);
    const response = await getThumb("long-header-large.jpg", "2000x2000", "crop", ".jpg");
    expect(response.status).toBe(200);
    const image = await decodeImage(await response.arrayBuffer());
    expect([image.width, image.height]).toEqual([2000, 2000]);
    expect(isolateLedger(parseConfig(env)).snapshot()).toMatchObject({ reserved: 0, buffers: 0, waiting: 0 });
  });
});
