/**
 * Every client against a running server (`wrangler dev`): THUMBSMITH_E2E_URL is its base URL
 * (origin plus BASE_PATH, e.g. http://127.0.0.1:8787), THUMBSMITH_E2E_SECRET its THUMBS_SECRET.
 * The source animals/kitten.jpg must be in its SOURCES bucket. Needs dist/ (npm run build:client).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { thumbnailUrl } from "thumbsmith/client";

const baseUrl = process.env.THUMBSMITH_E2E_URL;
const thumbsSecret = process.env.THUMBSMITH_E2E_SECRET;
const root = fileURLToPath(new URL("../../", import.meta.url));
const args = ["animals/kitten.jpg", "100x100", "crop", ".jpg"] as const;

async function cli(file: string, argv: string[], cwd = root) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PYTHONDONTWRITEBYTECODE: "1", THUMBS_SECRET: thumbsSecret };
  const { stdout } = await promisify(execFile)(file, argv, { cwd, env });
  return stdout.trim();
}

const clients: [string, (base: string, secret: string) => Promise<string>][] = [
  ["js", (base, secret) => thumbnailUrl(...args, { secret: secret.split(",").map((k) => k.trim()).find(Boolean)!, baseUrl: base })],
  ["node cli", (base) => cli(process.execPath, [`${root}bin/thumbsmith.mjs`, "sign", ...args, "--base", base])],
  ["python", (base) => cli(process.env.THUMBSMITH_PYTHON ?? "python3", ["-m", "thumbsmith", "sign", ...args, "--base", base], `${root}clients/python`)],
  ["shell", (base) => cli("bash", ["--norc", `${root}clients/shell/thumbsmith-sign.sh`, "--base", base, "--", ...args])],
];

describe("clients against the server", () => {
  it.each(clients)("%s makes a URL the server answers with a JPEG", async (_, makeUrl) => {
    if (!baseUrl || !thumbsSecret) {
      throw new Error("set THUMBSMITH_E2E_URL (e.g. http://127.0.0.1:8787) and THUMBSMITH_E2E_SECRET (its THUMBS_SECRET)");
    }
    const url = await makeUrl(baseUrl, thumbsSecret);
    expect(url).toMatch(/\/animals\/kitten\.jpg\/100x100\/crop\/[0-9a-f]{32}\.jpg$/);
    const response = await fetch(url);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(response.status, `GET ${url}`).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect([...body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});
