/**
 * jSquash codec instances in workerd: a codec that stayed at its initial memory is reused, one that
 * grew on a large image or failed is dropped, and outputs decode back to the same pixels.
 */
import { describe, expect, it } from "vitest";
import { codecPools, encoders, type Pixels } from "../../src/pipeline/codecs";
import { decodeImage, psnr } from "./helpers";

const MB = 1024 * 1024;

function gradient(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128, 255], (y * width + x) * 4);
  }
  return { data, width, height };
}

describe("codec instance pools", () => {
  it("a codec that did not grow is kept idle (counted at its 16 MB) and reused", async () => {
    const pool = codecPools.webpEncode;
    const small = gradient(64, 64);
    const out = await encoders.webp(small, 90);
    expect(psnr(await decodeImage(out), small)).toBeGreaterThan(30);
    expect([pool.idleCount, pool.heldBytes]).toEqual([1, 16 * MB]);
    const instance = await pool.acquire();
    pool.release(instance);
    expect((await pool.acquire()) === instance).toBe(true);
    pool.release(instance);
  });

  it("a codec whose memory grew on a large image is dropped; the next use instantiates a fresh one", async () => {
    const pool = codecPools.webpEncode;
    const before = await pool.acquire();
    pool.release(before);
    const large = gradient(1600, 1600);
    const image = await decodeImage(await encoders.webp(large, 80));
    expect([image.width, image.height]).toEqual([1600, 1600]);
    expect([pool.idleCount, pool.heldBytes]).toEqual([0, 0]);
    const small = gradient(48, 32);
    expect(psnr(await decodeImage(await encoders.webp(small, 90)), small)).toBeGreaterThan(30);
    const fresh = await pool.acquire();
    expect(fresh === before).toBe(false);
    pool.release(fresh);
  });

  it("concurrent uses each get an instance of their own, and at most one stays idle", async () => {
    const pool = codecPools.webpEncode;
    const held = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    expect(new Set(held).size).toBe(3);
    for (const instance of held) pool.release(instance);
    expect(pool.idleCount).toBe(1);
    const images = [gradient(40, 30), gradient(30, 40), gradient(50, 50)];
    const outputs = await Promise.all(images.map((p) => encoders.webp(p, 95)));
    for (const [i, out] of outputs.entries()) {
      const image = images[i];
      if (!image) throw new Error("missing image");
      expect(psnr(await decodeImage(out), image)).toBeGreaterThan(35);
    }
    expect(pool.idleCount).toBe(1);
  });

  it("an encoder that failed is dropped, and the next encode works", async () => {
    const pool = codecPools.webpEncode;
    const image = gradient(40, 30);
    const first = await decodeImage(await encoders.webp(image, 95));
    const empty = { data: new Uint8ClampedArray(0), width: 0, height: 0 };
    const failure = await encoders.webp(empty, 95).then(
      () => "encoded",
      (error: unknown) => String(error),
    );
    expect(failure).toMatch(/webp: encoder returned nothing/);
    expect(pool.idleCount).toBe(0);
    const again = await decodeImage(await encoders.webp(image, 95));
    expect(psnr(again, first)).toBe(Infinity);
  });
});
