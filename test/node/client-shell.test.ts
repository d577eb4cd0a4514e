/** clients/shell/thumbsmith-sign.sh and the openssl one-liner documented in its header, run by bash. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { invalid, valid } from "../vectors/vectors";

const script = fileURLToPath(new URL("../../clients/shell/thumbsmith-sign.sh", import.meta.url));

async function bash(args: string[], env: Record<string, string>) {
  try {
    // --norc: bash takes Node's socket stdin for rshd and would read ~/.bashrc.
    const { stdout, stderr } = await promisify(execFile)("bash", ["--norc", ...args], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number | string; stdout: string; stderr: string };
    if (typeof e.code === "string") throw error;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const sign = (v: { source: string; size: string; method: string; ext: string; secret: string; legacy: boolean }, base = "/") =>
  bash([script, "--base", base, ...(v.legacy ? ["--legacy"] : []), "--", v.source, v.size, v.method, v.ext], {
    [v.legacy ? "LEGACY_SECRET_KEY" : "THUMBS_SECRET"]: v.secret,
  });

describe("thumbsmith-sign.sh", () => {
  it.each(valid.map((v) => [v.legacy ? "legacy" : "v1", v.name, v] as const))("%s vector: %s", async (_, __, v) => {
    expect(await sign(v, v.baseUrl)).toEqual({ code: 0, stdout: `${v.url}\n`, stderr: "" });
  });

  // A process argument cannot hold a NUL byte, so that one invalid source cannot reach a shell script.
  const passable = invalid.filter((v) => !v.source.includes("\0"));
  it.each(passable.map((v) => [v.name, v] as const))("rejects invalid %s", async (_, v) => {
    const result = await sign(v);
    expect(result).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(new RegExp(`^thumbsmith-sign: ${v.field}: `)) });
  });

  it("rejects malformed UTF-8, which the server could not decode", async () => {
    const bad = await bash(["-c", `exec bash "$0" -- $'a\\xff.jpg' 1x1 crop .jpg`, script], { THUMBS_SECRET: "k" });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/source: expected UTF-8/) });
  });

  it("signs with the first non-blank key of THUMBS_SECRET, trimmed", async () => {
    const basic = valid.find((v) => v.name === "basic")!;
    const result = await bash([script, basic.source, basic.size, basic.method, basic.ext], { THUMBS_SECRET: ` , ${basic.secret} ,k2` });
    expect(result.stdout).toBe(`${basic.url}\n`);
  });

  it.each([
    ["missing THUMBS_SECRET", ["a.jpg", "1x1", "crop", ".jpg"], {}, /THUMBS_SECRET is not set/],
    ["missing LEGACY_SECRET_KEY", ["--legacy", "a.jpg", "1x1", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /LEGACY_SECRET_KEY is not set/],
    ["too few arguments", ["a.jpg", "1x1"], { THUMBS_SECRET: "k" }, /usage:/],
    ["unknown option", ["--bogus", "a.jpg", "1x1", "crop", ".jpg"], { THUMBS_SECRET: "k" }, /unknown option --bogus/],
  ])("exits 2 on %s", async (_, args, env, message) => {
    expect(await bash([script, ...args], env)).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(message) });
  });
});

describe("the documented one-liner", () => {
  const oneLiner = /^# {3}(printf .*openssl dgst -sha256 -hmac .*)$/m.exec(readFileSync(script, "utf8"))?.[1];
  // Without percent-encoding the one-liner's signature is the whole story only for plain keys.
  const plain = valid.filter((v) => !v.legacy && encodeURIComponent(v.source).replaceAll("%2F", "/") === v.source);

  it("is in the script header", () => {
    expect(oneLiner).toBeDefined();
    expect(plain.length).toBeGreaterThan(20);
  });

  it.each(plain.map((v) => [v.name, v] as const))("vector: %s", async (_, v) => {
    const result = await bash(["-c", `set -eo pipefail; ${oneLiner}`], {
      source: v.source,
      size: v.size,
      method: v.method,
      ext: v.ext,
      key: v.secret,
    });
    expect(result).toEqual({ code: 0, stdout: `${v.signature}\n`, stderr: "" });
  });
});
