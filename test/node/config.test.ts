import { describe, expect, it } from "vitest";
import { getConfig, parseConfig } from "../../src/config";
import { ThumbnailError } from "../../src/errors";

/** The CONFIG_INVALID message `env` gets, "accepted", or what else it threw. */
function invalid(env: Record<string, string>): string {
  try {
    parseConfig({ THUMBS_SECRET: "k", ...env });
  } catch (error) {
    return error instanceof ThumbnailError && error.code === "CONFIG_INVALID" ? error.message : `not CONFIG_INVALID: ${String(error)}`;
  }
  return "accepted";
}

describe("config", () => {
  it("defaults", () => {
    const config = parseConfig({ THUMBS_SECRET: "k" });
    expect(config).toMatchObject({
      secrets: ["k"],
      legacySecret: undefined,
      basePath: "/",
      maxDimension: 4096,
      upscale: false,
      lockTimeout: 10,
      negativeTtl: 60,
      cacheControl: "public, max-age=31536000, immutable",
      background: { r: 255, g: 255, b: 255 },
      quality: { jpeg: 80, webp: 80, avif: 60 },
      maxSourceBytes: 25 * 1024 * 1024,
      isolateMemoryBytes: 96 * 1024 * 1024,
      requestMemoryBytes: 64 * 1024 * 1024,
    });
  });

  it("memory settings are MiB; one request may have all of the isolate's, not more", () => {
    expect(parseConfig({ THUMBS_SECRET: "k", ISOLATE_MEMORY_MB: "48", REQUEST_MEMORY_MB: "48" })).toMatchObject({
      isolateMemoryBytes: 48 * 1024 * 1024,
      requestMemoryBytes: 48 * 1024 * 1024,
    });
    expect(invalid({ REQUEST_MEMORY_MB: "128" })).toContain("REQUEST_MEMORY_MB: expected at most ISOLATE_MEMORY_MB (96), got 128");
    expect(invalid({ ISOLATE_MEMORY_MB: "32" })).toContain("REQUEST_MEMORY_MB: expected at most ISOLATE_MEMORY_MB (32), got 64");
    expect(invalid({ ISOLATE_MEMORY_MB: "0" })).toContain("ISOLATE_MEMORY_MB: expected an integer from 1 to 4096, got '0'");
    expect(invalid({ REQUEST_MEMORY_MB: "1.5" })).toContain("REQUEST_MEMORY_MB: expected an integer from 1 to 4096, got '1.5'");
  });

  it("reads and converts every setting", () => {
    const config = parseConfig({
      THUMBS_SECRET: " new , old ,",
      LEGACY_SECRET_KEY: "django",
      BASE_PATH: "/thumbnails/",
      UPSCALE: "true",
      LOCK_TIMEOUT: "3",
      BACKGROUND: "#102030",
      AVIF_QUALITY: "45",
      MAX_SOURCE_PIXELS: "1000",
    });
    expect(config).toMatchObject({
      secrets: ["new", "old"],
      legacySecret: "django",
      basePath: "/thumbnails/",
      upscale: true,
      lockTimeout: 3,
      background: { r: 0x10, g: 0x20, b: 0x30 },
      quality: { avif: 45 },
      maxSourcePixels: 1000,
    });
  });

  it("collects every error at once and names each setting", () => {
    let caught: unknown;
    try {
      parseConfig({ BASE_PATH: "thumbs", MAX_DIMENSION: "0", UPSCALE: "maybe", BACKGROUND: "white", JPEG_QUALITY: "101" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThumbnailError);
    const error = caught as ThumbnailError;
    expect(error.code).toBe("CONFIG_INVALID");
    for (const name of ["THUMBS_SECRET", "BASE_PATH", "MAX_DIMENSION", "UPSCALE", "BACKGROUND", "JPEG_QUALITY"]) {
      expect(error.message).toContain(`${name}:`);
    }
    expect(error.publicMessage).not.toContain("THUMBS_SECRET");
  });

  it("is frozen and read once per env object", () => {
    const env = { THUMBS_SECRET: "k" };
    const config = getConfig(env);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.quality)).toBe(true);
    expect(getConfig(env)).toBe(config);
    expect(getConfig({ THUMBS_SECRET: "k" })).not.toBe(config);
  });

  describe("lifecycle settings", () => {

    it("PRESETS: comma-separated size/method.ext through the URL parser, plus info", () => {
      const config = parseConfig({ THUMBS_SECRET: "k", PRESETS: " 300x300/crop.jpg, 800x/scale.webp ,,x90/smart.avif,info" });
      expect(config.presets.map((p) => `${p.size.text}/${p.method}${p.ext}:${p.format}`)).toEqual([
        "300x300/crop.jpg:jpeg",
        "800x/scale.webp:webp",
        "x90/smart.avif:avif",
      ]);
      expect(config.presetInfo).toBe(true);
      expect(parseConfig({ THUMBS_SECRET: "k" })).toMatchObject({ presets: [], presetInfo: false, adminToken: undefined, zonePurge: undefined });
    });

    it("PRESETS errors are all collected, each naming the item and what the URL parser expects", () => {
      const message = invalid({ PRESETS: "300x300/crop.gif,5000x/scale.jpg,100x100/fill.png,300x300crop.jpg", MAX_DIMENSION: "4096" });
      expect(message).toContain("PRESETS: '300x300/crop.gif': ext: expected one of .jpg, .jpeg, .png, .webp, .avif, got '.gif'");
      expect(message).toContain("PRESETS: '5000x/scale.jpg': size: expected WxH, Wx or xH with integers up to 4096, got '5000x'");
      expect(message).toContain("PRESETS: '100x100/fill.png': method: expected one of crop, scale, smart, got 'fill'");
      expect(message).toContain("PRESETS: expected size/method.ext like 300x300/crop.jpg, or info, got '300x300crop.jpg'");
      // MAX_DIMENSION applies to presets as to URLs.
      expect(invalid({ PRESETS: "600x/scale.jpg", MAX_DIMENSION: "500" })).toContain("got '600x'");
    });

    it("ADMIN_TOKEN is a secret of at least 16 characters; zone purge needs both its settings", () => {
      expect(parseConfig({ THUMBS_SECRET: "k", ADMIN_TOKEN: "0123456789abcdef" }).adminToken).toBe("0123456789abcdef");
      expect(invalid({ ADMIN_TOKEN: "short" })).toContain("ADMIN_TOKEN: expected at least 16 characters");
      const zoneId = "0123456789abcdef0123456789abcdef";
      expect(parseConfig({ THUMBS_SECRET: "k", CACHE_ZONE_ID: zoneId, CACHE_PURGE_TOKEN: "t" }).zonePurge).toEqual({ zoneId, apiToken: "t" });
      expect(invalid({ CACHE_ZONE_ID: zoneId })).toContain("CACHE_ZONE_ID, CACHE_PURGE_TOKEN: expected both");
      expect(invalid({ CACHE_PURGE_TOKEN: "t" })).toContain("CACHE_ZONE_ID, CACHE_PURGE_TOKEN: expected both");
      expect(invalid({ CACHE_ZONE_ID: "example.com", CACHE_PURGE_TOKEN: "t" })).toContain("CACHE_ZONE_ID: expected a zone id of 32 hex digits");
    });
  });
});
