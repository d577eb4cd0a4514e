/**
 * Deploying as committed: wrangler.toml declares THUMBS_SECRET as a required secret, so the installed
 * wrangler refuses a first deploy without it, naming it, before uploading anything. Run against a
 * stand-in for Cloudflare's API (CLOUDFLARE_API_BASE_URL) that knows no Worker by this name.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const scratch = mkdtempSync(join(tmpdir(), "thumbsmith-deploy-"));
const ACCOUNT = "0123456789abcdef0123456789abcdef";

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}
const seen: Seen[] = [];

function answer(request: IncomingMessage): { status: number; body: unknown } {
  const url = new URL(request.url ?? "/", "http://api");
  const fail = (status: number, code: number, message: string) => ({ status, body: { success: false, errors: [{ code, message }], messages: [], result: null } });
  const ok = (result: unknown, extra = {}) => ({ status: 200, body: { success: true, errors: [], messages: [], result, ...extra } });
  const path = url.pathname.replace(`/client/v4/accounts/${ACCOUNT}`, "");
  // No Worker named thumbsmith exists yet: a first deploy.
  if (path === "/workers/services/thumbsmith") return fail(404, 10090, "workers.api.error.service_not_found");
  if (path.startsWith("/workers/scripts/thumbsmith")) return fail(404, 10007, "workers.api.error.script_not_found");
  if (path === "/workers/subdomain") return ok({ subdomain: "example" });
  if (path.startsWith("/r2/buckets/")) return ok({ name: path.slice("/r2/buckets/".length) });
  if (path === "/queues") {
    const names = url.searchParams.getAll("name");
    return ok(names.map((name) => ({ queue_name: name, queue_id: `id-${name}` })), { result_info: { page: 1, per_page: 100, count: names.length, total_count: names.length, total_pages: 1 } });
  }
  return fail(500, 1, `not part of this stand-in: ${request.method} ${path}`);
}

let server: Server;
let api: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      // The upload is the bundle, megabytes: only its start (the metadata part) matters here.
      if (body.length < 64 * 1024) body += chunk.toString("latin1");
    });
    request.on("end", () => {
      seen.push({ method: request.method ?? "", path: (request.url ?? "").replace(`/client/v4/accounts/${ACCOUNT}`, ""), body });
      const reply = answer(request);
      response.writeHead(reply.status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

function deploy(args: string[]): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: scratch,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: join(scratch, "logs"),
    CLOUDFLARE_API_BASE_URL: api,
    CLOUDFLARE_API_TOKEN: "stand-in-token",
    CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [wrangler, "deploy", ...args], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

describe("wrangler deploy", () => {
  it("without THUMBS_SECRET fails naming it, before any upload", async () => {
    seen.length = 0;
    const { code, output } = await deploy([]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/The following required secrets have not been set: THUMBS_SECRET/);
    expect(seen.filter((r) => r.method !== "GET")).toEqual([]);
  }, 120_000);

  it("with THUMBS_SECRET supplied, gets past that check to the upload", async () => {
    seen.length = 0;
    const secrets = join(scratch, "secrets.env");
    writeFileSync(secrets, "THUMBS_SECRET=stand-in-secret\n");
    const { code, output } = await deploy(["--secrets-file", secrets]);
    // The stand-in accepts no upload, so the deploy still fails, later and for another reason.
    expect(code).not.toBe(0);
    expect(output).not.toMatch(/required secrets/);
    const upload = seen.find((r) => r.method === "PUT" && r.path.startsWith("/workers/scripts/thumbsmith"));
    expect(upload?.body).toMatch(/"name":"THUMBS_SECRET","type":"secret_text","text":"stand-in-secret"|"type":"secret_text","name":"THUMBS_SECRET"/);
  }, 120_000);
});
