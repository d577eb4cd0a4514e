import { describe, expect, it } from "vitest";
import { getConfig, parseConfig } from "../../src/config";
import { ThumbnailError } from "../../src/errors";

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
    const invalid = (env: Record<string, string>) => {
      try {
        parseConfig({ THUMBS_SECRET: "k", ...env });
      } catch (error) {
        return error instanceof ThumbnailError && error.code === "CONFIG_INVALID" ? error.message : `not CONFIG_INVALID: ${String(error)}`;
      }
      return "accepted";
    };
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
});
