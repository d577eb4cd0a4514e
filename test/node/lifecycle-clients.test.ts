/**
 * The clients' side of issue 9: info document URLs (JS, CLI, Python), `purge`/`warm` from the CLIs
 * and the Django management commands against a stub service, and the Django placeholder tag.
 */
import { spawn } from "node:child_process";
import { createHmac, createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Client = typeof import("thumbsmith/client");

const root = fileURLToPath(new URL("../../", import.meta.url));
const pythonDir = `${root}clients/python/`;
const PYTHON = process.env.THUMBSMITH_PYTHON ?? "python3";
const DJANGO_PYTHON = process.env.THUMBSMITH_DJANGO_PYTHON ?? "/usr/bin/python3";
const TOKEN = "stub-admin-token-0123";

let client: Client;
beforeAll(async () => {
  client = await import("thumbsmith/client");
});

function exec(file: string, args: string[], env: Record<string, string>, cwd = root, input = "") {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: { PATH: process.env.PATH ?? "", PYTHONDONTWRITEBYTECODE: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const cli = (args: string[], env: Record<string, string> = {}) => exec(process.execPath, [`${root}bin/thumbsmith.mjs`, ...args], env);
const pythonCli = (args: string[], env: Record<string, string> = {}) => exec(PYTHON, ["-m", "thumbsmith", ...args], env, pythonDir);

/** The info signature computed independently of src/signature.ts. */
function expectedInfoSignature(source: string, secret: string, legacy = false): string {
  const message = `${source}/info.json`;
  if (!legacy) return createHmac("sha256", secret).update(message).digest("hex").slice(0, 32);
  const key = createHash("sha1").update(source + secret).digest();
  return createHmac("sha1", key).update(message).digest("hex");
}

const SOURCES = ["animals/kitten.jpg", "日本/画像 1.png", "100%/done%20.jpg", "a (1)/b's.webp"];

describe("info URLs", () => {
  it.each(SOURCES)("JS infoUrl signs {source}/info.json, v1 and legacy: %s", async (source) => {
    const path = source.split("/").map(encodeURIComponent).join("/");
    expect(await client.infoUrl(source, { secret: "s3cr3t", baseUrl: "https://t.example.com" })).toBe(
      `https://t.example.com/${path}/info/${expectedInfoSignature(source, "s3cr3t")}.json`,
    );
    expect(await client.infoUrl(source, { secret: "django", legacy: true })).toBe(`/${path}/info/${expectedInfoSignature(source, "django", true)}.json`);
  });

  it("JS infoUrl refuses what the server would", async () => {
    await expect(client.infoUrl("a//b.jpg", { secret: "k" })).rejects.toMatchObject({ code: "BAD_SOURCE" });
    await expect(client.infoUrl("a.jpg", { secret: "k1,k2" })).rejects.toThrow(TypeError);
  });

  it("the CLI and Python (function and -m) give the JS client's URLs", async () => {
    const script = `import json, sys; from thumbsmith import info_url
print(json.dumps([[info_url(s, "s3cr3t", "/b/"), info_url(s, "django", legacy=True)] for s in json.load(sys.stdin)]))`;
    const python = await exec(PYTHON, ["-c", script], {}, pythonDir, JSON.stringify(SOURCES));
    expect(python.stderr).toBe("");
    const expected = await Promise.all(
      SOURCES.map(async (s) => [await client.infoUrl(s, { secret: "s3cr3t", baseUrl: "/b/" }), await client.infoUrl(s, { secret: "django", legacy: true })]),
    );
    expect(JSON.parse(python.stdout)).toEqual(expected);
    const source = SOURCES[1] ?? "";
    const url = `${expected[1]?.[0]}\n`;
    expect(await cli(["info", source, "--base", "/b/"], { THUMBS_SECRET: " s3cr3t,old" })).toEqual({ code: 0, stdout: url, stderr: "" });
    expect(await pythonCli(["info", source, "--base", "/b/"], { THUMBS_SECRET: "s3cr3t" })).toEqual({ code: 0, stdout: url, stderr: "" });
    expect((await cli(["info", source, "--legacy"], { LEGACY_SECRET_KEY: "django" })).stdout).toBe(`${expected[1]?.[1]}\n`);
  });
});

interface Received {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly sources: string[];
}

describe("purge and warm from the command line", () => {
  const received: Received[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const { sources } = JSON.parse(body) as { sources: string[] };
        received.push({ path: request.url ?? "", authorization: request.headers.authorization, sources });
        const ok = request.headers.authorization === `Bearer ${TOKEN}`;
        const answer = !ok
          ? { error: { code: "UNAUTHORIZED", message: "A valid admin token is required." } }
          : request.url?.endsWith("/_purge")
            ? { sources: sources.map((source) => ({ source, deleted: 2 })), deleted: 2 * sources.length, edge: "zone" }
            : { queued: sources.length, presets: 2 };
        response.writeHead(ok ? (request.url?.endsWith("/_warm") ? 202 : 200) : 401, { "Content-Type": "application/json" });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/thumbs/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const clis = [
    ["node", cli],
    ["python", pythonCli],
  ] as const;

  it.each(clis)("%s: purge posts the sources with the bearer token and prints the answer", async (_, run) => {
    received.length = 0;
    const result = await run(["purge", "a.jpg", "dir/b c.png", "--base", base], { ADMIN_TOKEN: TOKEN });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ sources: [{ source: "a.jpg", deleted: 2 }, { source: "dir/b c.png", deleted: 2 }], deleted: 4, edge: "zone" });
    expect(received).toEqual([{ path: "/thumbs/_purge", authorization: `Bearer ${TOKEN}`, sources: ["a.jpg", "dir/b c.png"] }]);
  });

  it.each(clis)("%s: warm sends 1000 sources a request, THUMBSMITH_URL as the base", async (_, run) => {
    received.length = 0;
    const sources = Array.from({ length: 2500 }, (_, i) => `w/${i}.jpg`);
    const result = await run(["warm", ...sources], { ADMIN_TOKEN: TOKEN, THUMBSMITH_URL: base.slice(0, -1) });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").map((line) => JSON.parse(line) as unknown)).toEqual([
      { queued: 1000, presets: 2 },
      { queued: 1000, presets: 2 },
      { queued: 500, presets: 2 },
    ]);
    expect(received.map((r) => [r.path, r.sources.length])).toEqual([
      ["/thumbs/_warm", 1000],
      ["/thumbs/_warm", 1000],
      ["/thumbs/_warm", 500],
    ]);
    expect(received.flatMap((r) => r.sources)).toEqual(sources);
  });

  it.each(clis)("%s: a refused token exits 1 with the service's error; no token, no base or a bad key exits 2 sending nothing", async (_, run) => {
    received.length = 0;
    const refused = await run(["purge", "a.jpg", "--base", base], { ADMIN_TOKEN: "wrong" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401 UNAUTHORIZED: A valid admin token is required/);
    expect(received).toHaveLength(1);
    expect((await run(["purge", "a.jpg", "--base", base], {})).code).toBe(2);
    expect((await run(["purge", "a.jpg"], { ADMIN_TOKEN: TOKEN })).code).toBe(2);
    expect((await run(["purge", "a//b.jpg", "--base", base], { ADMIN_TOKEN: TOKEN })).code).toBe(2);
    expect(received).toHaveLength(1);
  });
});

describe("Django", () => {
  beforeAll(async () => {
    const probe = await exec(DJANGO_PYTHON, ["-c", "import django"], {}).catch((error: Error) => ({ code: -1, stderr: error.message }));
    if (probe.code !== 0) throw new Error(`${DJANGO_PYTHON} cannot import django: apt-get install python3-django, or set THUMBSMITH_DJANGO_PYTHON`);
  });

  it("thumbsmith_purge and thumbsmith_warm take keys, a FileField's files, or its storage under a prefix", async () => {
    const cases = [
      { rows: ["photos/a.jpg", "photos/b.jpg", "photos/a.jpg", ""], files: ["up/x.jpg", "up/sub/y.png", "other/z.jpg"], args: ["thumbsmith_purge", "k1.jpg", "k 2.png"] },
      { args: ["thumbsmith_warm"], options: { field: "thumbsmith.Photo.image" } },
      { args: ["thumbsmith_purge"], options: { field: "thumbsmith.Photo.image", prefix: "up/" } },
      { args: ["thumbsmith_purge", "a.jpg"], settings: { THUMBSMITH_ADMIN_TOKEN: "wrong" } },
      { args: ["thumbsmith_warm"], options: { field: "thumbsmith.Photo.id" } },
      { args: ["thumbsmith_warm"] },
    ];
    const result = await exec(DJANGO_PYTHON, ["tests/django_commands.py"], {}, pythonDir, JSON.stringify(cases));
    expect(result.stderr).toBe("");
    const [keys, field, prefix, refused, notFile, none] = JSON.parse(result.stdout) as Array<{
      stdout?: string;
      error?: string;
      message?: string;
      requests: Array<{ path: string; authorization: string; body: { sources: string[] } }>;
    }>;
    expect(keys?.requests).toEqual([{ path: "/thumbs/_purge", authorization: "Bearer stub-admin-token-0123", body: { sources: ["k1.jpg", "k 2.png"] } }]);
    expect(JSON.parse(keys?.stdout ?? "")).toMatchObject({ deleted: 2 });
    expect(field?.requests.map((r) => [r.path, r.body.sources])).toEqual([["/thumbs/_warm", ["photos/a.jpg", "photos/b.jpg"]]]);
    expect(prefix?.requests[0]?.body.sources.sort()).toEqual(["up/sub/y.png", "up/x.jpg"]);
    expect(refused).toMatchObject({ error: "CommandError", message: "purge: HTTP 401 UNAUTHORIZED: A valid admin token is required." });
    expect(notFile).toMatchObject({ error: "CommandError", message: expect.stringMatching(/not a FileField/), requests: [] });
    expect(none).toMatchObject({ error: "CommandError", message: expect.stringMatching(/no keys/), requests: [] });
  });

  it("thumbnail_placeholder renders width, height, a dominant-colour background and the ThumbHash from a stored info document", async () => {
    const info = { width: 600, height: 450, format: "jpeg", bytes: 1234, hasAlpha: false, dominantColor: "#a1b2c3", thumbhash: "1QcSHQRnh493V4dIh4eXh1h4kJUI" };
    const template = `{% load thumbnail %}<img src="x.jpg"{% thumbnail_placeholder info %}>`;
    const cases = [
      { template, context: { info: JSON.stringify(info) } },
      { template, context: { info: "" } },
      { template, context: { info: JSON.stringify({ ...info, dominantColor: "red;background:url(x)", thumbhash: '"><script>' }) } },
      { template, context: { info: JSON.stringify({ ...info, width: "600" }) } },
    ];
    const result = await exec(DJANGO_PYTHON, ["tests/django_render.py"], {}, pythonDir, JSON.stringify(cases));
    expect(JSON.parse(result.stdout)).toEqual([
      { output: `<img src="x.jpg" width="600" height="450" style="background-color:#a1b2c3" data-thumbhash="${info.thumbhash}">` },
      { output: `<img src="x.jpg">` },
      { output: `<img src="x.jpg" width="600" height="450">` },
      { error: "ValueError", message: "info: expected positive integer width and height" },
    ]);
  });
});
