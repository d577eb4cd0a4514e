import { ThumbnailError } from "./errors";
import { EXTENSIONS, parseExtension, parseMethod, parseSize, type Extension, type Method, type OutputFormat, type Size } from "./url";

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** One size every source gets ahead of its first visitor (PRESETS: `size/method.ext`). */
export interface Preset {
  readonly size: Size;
  readonly method: Method;
  readonly ext: Extension;
  readonly format: OutputFormat;
}

export interface Config {
  /** v1 keys: the first signs, every one verifies. */
  readonly secrets: readonly string[];
  readonly legacySecret: string | undefined;
  readonly basePath: string;
  readonly sourcePrefix: string;
  readonly thumbPrefix: string;
  readonly maxDimension: number;
  readonly upscale: boolean;
  /** Seconds. */
  readonly lockTimeout: number;
  /** Seconds. */
  readonly negativeTtl: number;
  readonly cacheControl: string;
  readonly background: Rgb;
  readonly quality: { readonly jpeg: number; readonly webp: number; readonly avif: number };
  readonly maxSourceBytes: number;
  readonly maxSourcePixels: number;
  /** Bytes: WebAssembly memory plus live buffers the isolate's requests may hold together. */
  readonly isolateMemoryBytes: number;
  /** Bytes: what one request may reserve (≤ isolateMemoryBytes). */
  readonly requestMemoryBytes: number;
  /** Bearer token of the admin routes (`_purge`, `_warm`); unset: those routes do not exist. */
  readonly adminToken: string | undefined;
  /** Made on upload events and by `_warm`. */
  readonly presets: readonly Preset[];
  /** PRESETS lists `info`: the info document is made with them. */
  readonly presetInfo: boolean;
  /** Zone purge by cache tag (every data centre): both set, or neither (local data centre only). */
  readonly zonePurge: { readonly zoneId: string; readonly apiToken: string } | undefined;
}

/**
 * 50 MP: a JPEG this large makes a 300 px thumbnail in 19 MB (measured, README "Measured limits"),
 * as it is decoded at a DCT reduction. What would not fit in memory for the size asked for is
 * refused by the decode budget (pipeline/budget.ts), whatever this setting says.
 */
export const DEFAULT_MAX_SOURCE_PIXELS = 50_000_000;

const MB = 1024 * 1024;

export const DEFAULTS = {
  BASE_PATH: "/",
  SOURCE_PREFIX: "",
  THUMB_PREFIX: "",
  MAX_DIMENSION: "4096",
  UPSCALE: "false",
  LOCK_TIMEOUT: "10",
  NEGATIVE_TTL: "60",
  CACHE_CONTROL: "public, max-age=31536000, immutable",
  BACKGROUND: "#ffffff",
  JPEG_QUALITY: "80",
  WEBP_QUALITY: "80",
  AVIF_QUALITY: "60",
  MAX_SOURCE_BYTES: String(25 * 1024 * 1024),
  MAX_SOURCE_PIXELS: String(DEFAULT_MAX_SOURCE_PIXELS),
  // A Workers isolate has 128 MB; the rest is for JS objects, the runtime and the compiled modules.
  ISOLATE_MEMORY_MB: "96",
  REQUEST_MEMORY_MB: "64",
  PRESETS: "",
  CACHE_ZONE_ID: "",
} as const;

export type Setting = keyof typeof DEFAULTS | "THUMBS_SECRET" | "LEGACY_SECRET_KEY" | "ADMIN_TOKEN" | "CACHE_PURGE_TOKEN";

type RawEnv = Partial<Record<Setting, unknown>>;

class Reader {
  readonly errors: string[] = [];
  constructor(private readonly env: RawEnv) {}

  string(name: keyof typeof DEFAULTS): string {
    const value = this.env[name];
    if (value === undefined || value === null || value === "") return DEFAULTS[name];
    return String(value);
  }

  integer(name: keyof typeof DEFAULTS, min: number, max: number): number {
    const text = this.string(name).trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      this.errors.push(`${name}: expected an integer from ${min} to ${max}, got '${text}'`);
      return Number(DEFAULTS[name]);
    }
    return value;
  }

  boolean(name: keyof typeof DEFAULTS): boolean {
    const text = this.string(name).trim().toLowerCase();
    if (text === "true" || text === "1") return true;
    if (text === "false" || text === "0") return false;
    this.errors.push(`${name}: expected true or false, got '${text}'`);
    return false;
  }

  colour(name: keyof typeof DEFAULTS): Rgb {
    const text = this.string(name).trim();
    const match = /^#?([0-9a-fA-F]{6})$/.exec(text);
    if (!match?.[1]) {
      this.errors.push(`${name}: expected a colour like #ffffff, got '${text}'`);
      return { r: 255, g: 255, b: 255 };
    }
    const n = parseInt(match[1], 16);
    return { r: n >> 16, g: (n >> 8) & 255, b: n & 255 };
  }

  /** Comma-separated `size/method.ext`, each part checked by the URL parser itself. */
  presets(name: keyof typeof DEFAULTS, maxDimension: number): { presets: Preset[]; info: boolean } {
    const presets: Preset[] = [];
    let info = false;
    const items = this.string(name).split(",").map((item) => item.trim()).filter((item) => item !== "");
    for (const item of items) {
      if (item === "info") {
        info = true;
        continue;
      }
      const match = /^([^/]*)\/([^/.]*)(\.[^/]*)$/.exec(item);
      if (!match) {
        this.errors.push(`${name}: expected size/method.ext like 300x300/crop.jpg, or info, got '${item}'`);
        continue;
      }
      const [, size = "", method = "", ext = ""] = match;
      try {
        const parsedExt = parseExtension(ext);
        presets.push({ size: parseSize(size, maxDimension), method: parseMethod(method), ext: parsedExt, format: EXTENSIONS[parsedExt] });
      } catch (error) {
        this.errors.push(`${name}: '${item}': ${error instanceof ThumbnailError ? error.publicMessage : String(error)}`);
      }
    }
    return { presets, info };
  }

  /** An optional secret: unset and empty are the same. */
  secret(name: Setting): string | undefined {
    const value = this.env[name];
    return value === undefined || value === null || value === "" ? undefined : String(value);
  }
}

export function parseConfig(env: RawEnv): Readonly<Config> {
  const read = new Reader(env);
  const secrets = String(env.THUMBS_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (secrets.length === 0) read.errors.push("THUMBS_SECRET: expected one or more comma-separated keys, got none");
  const legacy = read.secret("LEGACY_SECRET_KEY");
  const basePath = read.string("BASE_PATH");
  if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
    read.errors.push(`BASE_PATH: expected a path that starts and ends with '/', got '${basePath}'`);
  }
  const maxDimension = read.integer("MAX_DIMENSION", 1, 16384);
  const zoneId = read.string("CACHE_ZONE_ID").trim();
  const purgeToken = read.secret("CACHE_PURGE_TOKEN");
  if (zoneId !== "" && !/^[0-9a-f]{32}$/.test(zoneId)) read.errors.push(`CACHE_ZONE_ID: expected a zone id of 32 hex digits, got '${zoneId}'`);
  if ((zoneId === "") !== (purgeToken === undefined)) {
    read.errors.push("CACHE_ZONE_ID, CACHE_PURGE_TOKEN: expected both (zone purge by cache tag) or neither");
  }
  const adminToken = read.secret("ADMIN_TOKEN");
  // The token guards deletes: a guessable one would let anyone purge every thumbnail.
  if (adminToken !== undefined && adminToken.length < 16) read.errors.push("ADMIN_TOKEN: expected at least 16 characters");
  const presets = read.presets("PRESETS", maxDimension);
  const config: Config = {
    secrets,
    legacySecret: legacy,
    basePath,
    sourcePrefix: read.string("SOURCE_PREFIX"),
    thumbPrefix: read.string("THUMB_PREFIX"),
    maxDimension,
    upscale: read.boolean("UPSCALE"),
    lockTimeout: read.integer("LOCK_TIMEOUT", 1, 300),
    negativeTtl: read.integer("NEGATIVE_TTL", 0, 86400),
    cacheControl: read.string("CACHE_CONTROL"),
    background: read.colour("BACKGROUND"),
    quality: {
      jpeg: read.integer("JPEG_QUALITY", 1, 100),
      webp: read.integer("WEBP_QUALITY", 1, 100),
      avif: read.integer("AVIF_QUALITY", 1, 100),
    },
    maxSourceBytes: read.integer("MAX_SOURCE_BYTES", 1, 100 * 1024 * 1024),
    maxSourcePixels: read.integer("MAX_SOURCE_PIXELS", 1, 100_000_000),
    isolateMemoryBytes: read.integer("ISOLATE_MEMORY_MB", 1, 4096) * MB,
    requestMemoryBytes: read.integer("REQUEST_MEMORY_MB", 1, 4096) * MB,
    adminToken,
    presets: presets.presets,
    presetInfo: presets.info,
    zonePurge: zoneId !== "" && purgeToken !== undefined ? { zoneId, apiToken: purgeToken } : undefined,
  };
  if (config.requestMemoryBytes > config.isolateMemoryBytes) {
    read.errors.push(
      `REQUEST_MEMORY_MB: expected at most ISOLATE_MEMORY_MB (${config.isolateMemoryBytes / MB}), got ${config.requestMemoryBytes / MB}`,
    );
  }
  if (read.errors.length > 0) {
    throw new ThumbnailError("CONFIG_INVALID", { internal: `invalid settings: ${read.errors.join("; ")}` });
  }
  return Object.freeze({ ...config, quality: Object.freeze(config.quality), presets: Object.freeze(config.presets) });
}

const cache = new WeakMap<object, Readonly<Config>>();

/** Parsed once per env object (i.e. once per isolate in production). */
export function getConfig(env: object): Readonly<Config> {
  let config = cache.get(env);
  if (!config) {
    config = parseConfig(env as RawEnv);
    cache.set(env, config);
  }
  return config;
}
