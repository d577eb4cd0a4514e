/**
 * The JS client as users get it: the package export `thumbsmith/client` (the bundle in dist/,
 * built by `npm run build:client`, which `npm install` and `npm test` run) and the `thumbsmith` CLI.
 */
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { invalid, valid, type Field } from "../vectors/vectors";

type Client = typeof import("thumbsmith/client");

const root = fileURLToPath(new URL("../../", import.meta.url));
const bundle = `${root}dist/client.js`;
const CODES: Record<Field, string> = { source: "BAD_SOURCE", size: "BAD_SIZE", method: "BAD_METHOD", ext: "BAD_FORMAT" };

let client: Client;

beforeAll(async () => {
  const sources = ["client", "url", "signature", "errors"].map((name) => `${root}src/${name}.ts`);
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    throw new Error("dist/client.js is missing: run `npm run build:client` (npm test and npm install run it)");
  }
  const stale = sources.filter((file) => statSync(file).mtimeMs > built);
  if (stale.length > 0) {
    throw new Error(`dist/client.js is older than ${stale.join(", ")}: run \`npm run build:client\``);
  }
  client = await import("thumbsmith/client");
});

const sign = (v: (typeof valid)[number], baseUrl = v.baseUrl) =>
  client.thumbnailUrl(v.source, v.size, v.method as never, v.ext as never, { secret: v.secret, baseUrl, legacy: v.legacy });

describe("thumbnailUrl", () => {
  it.each(valid.map((v) => [v.name, v] as const))("vector: %s", async (_, v) => {
    expect(await sign(v)).toBe(v.url);
  });

  it.each(invalid.map((v) => [v.name, v] as const))("rejects invalid %s", async (_, v) => {
    const error = await client
      .thumbnailUrl(v.source, v.size, v.method as never, v.ext as never, { secret: v.secret, legacy: v.legacy })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(client.ThumbnailError);
    expect(error).toMatchObject({ code: CODES[v.field], message: expect.stringMatching(new RegExp(`^${v.field}: `)) });
  });

  // Not in signatures.json: many JSON parsers reject lone surrogates.
  it("rejects a source with a lone surrogate, which has no UTF-8 form", async () => {
    await expect(client.thumbnailUrl("a\ud800.jpg", "1x1", "crop", ".jpg", { secret: "k" })).rejects.toMatchObject({
      code: "BAD_SOURCE",
    });
  });

  it("defaults baseUrl to /", async () => {
    const v = valid[0]!;
    const url = await client.thumbnailUrl(v.source, v.size, v.method as never, v.ext as never, { secret: v.secret });
    expect(url).toBe(`/${v.path}`);
  });

  it("rejects a comma-separated key list for v1, which the server could never verify", async () => {
    await expect(client.thumbnailUrl("a.jpg", "1x1", "crop", ".jpg", { secret: "k1,k2" })).rejects.toThrow(TypeError);
  });

  it.each([
    ["empty secret", { secret: "" }],
    ["missing secret", {}],
    ["base url with a query", { secret: "k", baseUrl: "/?x=" }],
    ["base url with a fragment", { secret: "k", baseUrl: "/#" }],
    ["base url with a space", { secret: "k", baseUrl: "https://a b/" }],
  ])("rejects %s", async (_, options) => {
    await expect(client.thumbnailUrl("a.jpg", "1x1", "crop", ".jpg", options as never)).rejects.toThrow(TypeError);
  });

  it("rejects non-string arguments from untyped callers", async () => {
    await expect(client.thumbnailUrl(42 as never, "1x1", "crop", ".jpg", { secret: "k" })).rejects.toThrow(/^source: /);
    await expect(client.thumbnailUrl("a.jpg", "1x1", "crop", [".jpg"] as never, { secret: "k" })).rejects.toThrow(/^ext: /);
  });
});

describe("bundle", () => {
  it("needs nothing Node-specific, so it runs in browsers and Workers", () => {
    const code = readFileSync(bundle, "utf8");
    expect(code).not.toMatch(/\bfrom\s*["']|\bimport\s*\(|\brequire\s*\(|\bprocess\.|\bBuffer\b/);
  });
});

describe("thumbnailSrcset", () => {
  const options = { secret: "s3cr3t", baseUrl: "https://t.example/" };
  const url = (size: string, ext: ".jpg" | ".webp" = ".jpg") =>
    client.thumbnailUrl("a/b.jpg", size, "crop", ext, options);

  it.each([
    ["100x100", "200x200", "2x"],
    ["100x0", "200x0", "2x"],
    ["100x", "200x", "2x"],
    ["x50", "x100", "2x"],
    ["0x50", "0x100", "2x"],
    ["0100x050", "200x100", "2x"],
    ["2048x1000", "4096x2000", "2x"],
    ["3000x1000", "4096x1365", "1.365x"],
  ])("%s has 2x candidate %s %s", async (size, hiSize, density) => {
    const srcset = await client.thumbnailSrcset("a/b.jpg", size, "crop", ".jpg", options);
    expect(srcset).toBe(`${await url(size)} 1x, ${await url(hiSize)} ${density}`);
  });

  it("has only the 1x candidate at the maximum size", async () => {
    expect(await client.thumbnailSrcset("a/b.jpg", "4096x10", "crop", ".jpg", options)).toBe(`${await url("4096x10")} 1x`);
  });

  it("signs legacy candidates too", async () => {
    const srcset = await client.thumbnailSrcset("a.jpg", "10x10", "crop", ".jpg", { secret: "k", legacy: true });
    expect(srcset).toMatch(/^\/a\.jpg\/10x10\/crop\/[0-9a-f]{40}\.jpg 1x, \/a\.jpg\/20x20\/crop\/[0-9a-f]{40}\.jpg 2x$/);
  });

  it("validates like thumbnailUrl", async () => {
    await expect(client.thumbnailSrcset("a.jpg", "0x0", "crop", ".jpg", options)).rejects.toMatchObject({ code: "BAD_SIZE" });
  });
});

describe("thumbnailPicture", () => {
  const options = { secret: "s3cr3t", baseUrl: "/t/" };

  it("has AVIF and WebP sources and a JPEG img", async () => {
    const srcset = (ext: ".avif" | ".webp" | ".jpg") => client.thumbnailSrcset("a.jpg", "100x100", "crop", ext, options);
    const src = await client.thumbnailUrl("a.jpg", "100x100", "crop", ".jpg", options);
    const html = await client.thumbnailPicture("a.jpg", "100x100", "crop", {
      ...options,
      alt: "A kitten",
      imgAttributes: { width: 100, height: 100, loading: "lazy", decoding: "async", hidden: false, "data-x": null, inert: true },
    });
    expect(html).toBe(
      `<picture><source type="image/avif" srcset="${await srcset(".avif")}">` +
        `<source type="image/webp" srcset="${await srcset(".webp")}">` +
        `<img src="${src}" srcset="${await srcset(".jpg")}" alt="A kitten" width="100" height="100" loading="lazy" decoding="async" inert>` +
        `</picture>`,
    );
  });

  it("escapes attribute values", async () => {
    const html = await client.thumbnailPicture("it's.jpg", "10x10", "crop", {
      ...options,
      alt: `"Tom" & <Jerry>`,
      imgAttributes: { title: "a'b" },
    });
    expect(html).toContain(`alt="&#34;Tom&#34; &#38; &#60;Jerry&#62;"`);
    expect(html).toContain(`title="a&#39;b"`);
    expect(html).toContain(`src="/t/it&#39;s.jpg/10x10/crop/`);
    expect(html).not.toContain("it's");
  });

  it.each([["src"], ["SrcSet"], ["alt"], ['x" onerror="y'], ["on load"]])("refuses img attribute %j", async (name) => {
    await expect(client.thumbnailPicture("a.jpg", "10x10", "crop", { ...options, imgAttributes: { [name]: "v" } })).rejects.toThrow(
      TypeError,
    );
  });
});

describe("CLI", () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { bin: Record<string, string> };
  const cli = `${root}${pkg.bin.thumbsmith}`;
  const basic = valid.find((v) => v.name === "basic")!;
  const legacy = valid.find((v) => v.legacy)!;

  async function run(args: string[], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
        env: { PATH: process.env.PATH, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const args = (v: typeof basic) => ["sign", v.source, v.size, v.method, v.ext];

  it("signs with the first non-blank key of THUMBS_SECRET, trimmed", async () => {
    expect(await run(args(basic), { THUMBS_SECRET: ` , ${basic.secret} ,k2` })).toEqual({ code: 0, stdout: `${basic.url}\n`, stderr: "" });
  });

  it.each(valid.filter((v) => !v.legacy && v.baseUrl !== "/").map((v) => [v.name, v] as const))("--base: %s", async (_, v) => {
    expect((await run([...args(v), "--base", v.baseUrl], { THUMBS_SECRET: v.secret })).stdout).toBe(`${v.url}\n`);
  });

  it("--legacy signs with LEGACY_SECRET_KEY", async () => {
    const result = await run([...args(legacy), "--legacy"], { LEGACY_SECRET_KEY: legacy.secret, THUMBS_SECRET: "other" });
    expect(result).toEqual({ code: 0, stdout: `${legacy.url}\n`, stderr: "" });
  });

  it("takes a source that starts with a dash after --", async () => {
    const result = await run(["sign", "--", "-a.jpg", "1x1", "crop", ".jpg"], { THUMBS_SECRET: "k" });
    expect(result.stdout).toMatch(/^\/-a\.jpg\/1x1\/crop\/[0-9a-f]{32}\.jpg\n$/);
  });

  it.each([
    ["invalid size", ["sign", "a.jpg", "0x0", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /size: expected/],
    ["invalid source", ["sign", "a/../b.jpg", "1x1", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /source: expected/],
    ["invalid ext", ["sign", "a.jpg", "1x1", "crop", "jpg"], { THUMBS_SECRET: "k" }, /ext: expected/],
    ["missing THUMBS_SECRET", ["sign", "a.jpg", "1x1", "crop", ".jpg"], {}, /THUMBS_SECRET is not set/],
    ["missing LEGACY_SECRET_KEY", ["sign", "a.jpg", "1x1", "crop", ".jpg", "--legacy"], { THUMBS_SECRET: "k" }, /LEGACY_SECRET_KEY is not set/],
    ["too few arguments", ["sign", "a.jpg", "1x1"], { THUMBS_SECRET: "k" }, /usage: thumbsmith sign/],
    ["unknown command", ["verify", "a.jpg", "1x1", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /usage: thumbsmith sign/],
    ["unknown option", ["sign", "a.jpg", "1x1", "crop", ".jpg", "--bogus"], { THUMBS_SECRET: "k" }, /bogus/],
  ])("exits 2 on %s", async (_, argv, env, message) => {
    const result = await run(argv, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
  });

  it("--help exits 0", async () => {
    expect(await run(["--help"])).toMatchObject({ code: 0, stdout: expect.stringContaining("usage: thumbsmith sign") });
  });
});
