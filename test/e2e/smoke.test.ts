/** End-to-end smoke test against `wrangler dev` (started by setup.mjs), decoding with sharp. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { thumbnailUrl } from "thumbsmith/client";

const base = process.env.THUMBSMITH_E2E_URL ?? "";
const secret = (process.env.THUMBSMITH_E2E_SECRET ?? "").split(",")[0] ?? "";

function url(source: string, size: string, method: "crop" | "scale" | "smart", ext: ".jpg" | ".png" | ".webp" | ".avif") {
  return thumbnailUrl(source, size, method, ext, { secret, baseUrl: `${base}/` });
}

describe("wrangler dev", () => {
  it("answers /_health", async () => {
    const response = await fetch(`${base}/_health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it.each([
    ["animals/kitten.jpg", "100x100", "crop", ".jpg", "jpeg", 100, 100],
    ["pil_tests/1.jpg", "200x200", "smart", ".avif", "heif", 200, 200],
    // Stored 450x600 with orientation 6: it displays, and must come out, landscape.
    ["orientation/Landscape_6.jpg", "160x", "scale", ".webp", "webp", 160, 120],
    ["alpha/embedgravitybird.png", "120x", "scale", ".png", "png", 120, 80],
    ["cmyk/Channel_digital_image_CMYK_color.jpg", "x50", "crop", ".jpg", "jpeg", 75, 50],
  ] as const)("%s %s %s%s", async (source, size, method, ext, format, width, height) => {
    const first = await fetch(await url(source, size, method, ext));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-thumbnail")).toBe("generated");
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([format, width, height]);

    const again = await fetch(await url(source, size, method, ext), { headers: { "If-None-Match": first.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);
    expect(["stored", "cached"]).toContain(again.headers.get("x-thumbnail"));
  });

  it("20 concurrent cold requests: one generation, twenty 200s", async () => {
    const target = await url("pil_tests/2.jpg", "240x160", "crop", ".webp");
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(target)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(responses.filter((r) => r.headers.get("x-thumbnail") === "generated")).toHaveLength(1);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
  });

  it("a forged URL is 403 and a missing source 404", async () => {
    const good = await url("animals/kitten.jpg", "64x64", "crop", ".jpg");
    expect((await fetch(good.replace("64x64", "65x65"))).status).toBe(403);
    expect((await fetch(await url("animals/missing.jpg", "64x64", "crop", ".jpg"))).status).toBe(404);
  });
});
