// Global setup of the e2e project: a real `wrangler dev` (local R2 and Durable Objects) on a free
// port, seeded with the samples, torn down after the run.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_SECRET, seedLocal, startDev } from "../../scripts/local.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export default async function setup() {
  const persistTo = mkdtempSync(join(tmpdir(), "thumbsmith-e2e-"));
  seedLocal(persistTo);
  const port = await freePort();
  const child = await startDev({ port, persistTo, stdio: process.env.THUMBSMITH_E2E_VERBOSE ? "inherit" : "ignore", secret: LOCAL_SECRET });
  process.env.THUMBSMITH_E2E_URL = `http://127.0.0.1:${port}`;
  process.env.THUMBSMITH_E2E_SECRET = LOCAL_SECRET;
  return () => {
    child.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
  };
}
