// `npm run bench -- hot`: what a cached thumbnail costs against the `_health` route, on `wrangler dev`
// in the same run: requests/s of each, alternating (health, cached, health, cached, …) so both see the
// same machine load. With `wrk` on PATH (apt-get install wrk) it drives the load; otherwise Node's
// fetch with as many requests in flight. Requests/s follow the machine's load; the workerd processes'
// CPU time per request (from /proc) does not, so both are printed.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { thumbnailUrl } from "../../dist/client.js";
import { LOCAL_SECRET, seedLocal, startDev } from "../local.mjs";
import { workerdPids } from "./burst.mjs";

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** User + system CPU milliseconds the processes have used so far. */
function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

function hasWrk() {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

function withWrk(url, seconds, connections) {
  const output = execFileSync("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, url], { encoding: "utf8" });
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1];
  if (errors) throw new Error(`${url}: ${errors} responses were not 2xx`);
  return requests;
}

async function withFetch(url, seconds, connections) {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
        count++;
      }
    }),
  );
  return count;
}

async function servedFrom(url) {
  // A connection wrk's load left idle may be closed under the request: one retry on a new one.
  const response = await fetch(url).catch(() => fetch(url));
  await response.arrayBuffer();
  return response.headers.get("X-Thumbnail");
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function hot({ seconds = 5, connections = 8, rounds = 3 } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), "thumbsmith-bench-hot-"));
  seedLocal(persistTo);
  const port = 19000 + Math.floor(Math.random() * 1000);
  const child = await startDev({ port, persistTo, stdio: "ignore", secret: LOCAL_SECRET });
  try {
    const base = `http://127.0.0.1:${port}/`;
    const thumbnail = await thumbnailUrl("animals/kitten.jpg", "100x100", "crop", ".jpg", { secret: LOCAL_SECRET, baseUrl: base });
    const health = `${base}_health`;
    // generated → stored (which puts it in the edge cache) → cached
    let from;
    for (let i = 0; i < 20 && from !== "cached"; i++) from = await servedFrom(thumbnail);
    if (from !== "cached") throw new Error(`the thumbnail never came from the cache (last: ${from})`);
    const tool = hasWrk() ? "wrk" : "fetch";
    const load = tool === "wrk" ? withWrk : withFetch;
    const pids = workerdPids(child.pid);
    const measure = async (url) => {
      const cpuBefore = cpuMs(pids);
      const start = performance.now();
      const requests = await load(url, seconds, connections);
      return { rps: requests / ((performance.now() - start) / 1000), cpu: (cpuMs(pids) - cpuBefore) / requests };
    };
    const results = { health: [], cached: [] };
    for (let round = 0; round < rounds; round++) {
      results.health.push(await measure(health));
      results.cached.push(await measure(thumbnail));
    }
    const after = await servedFrom(thumbnail);
    if (after !== "cached") throw new Error(`after the load the thumbnail came from ${after}, not the cache`);
    const line = (name, runs) => {
      const rps = runs.map((r) => r.rps);
      const cpu = runs.map((r) => r.cpu);
      return `  ${name.padEnd(50)} ${rps.map((r) => r.toFixed(0)).join(", ")} requests/s (median ${median(rps).toFixed(0)}); workerd CPU ${median(cpu).toFixed(2)} ms/request`;
    };
    const rpsRatio = median(results.cached.map((r) => r.rps)) / median(results.health.map((r) => r.rps));
    const cpuRatio = median(results.health.map((r) => r.cpu)) / median(results.cached.map((r) => r.cpu));
    console.log(
      `\nwrangler dev, ${tool} with ${connections} connections, ${rounds} × ${seconds} s each, alternating:\n` +
        `${line("GET /_health", results.health)}\n` +
        `${line("GET a cached thumbnail (kitten.jpg 100x100 crop)", results.cached)}\n` +
        `  cached / health: ${rpsRatio.toFixed(2)}× the requests/s (target ≥ 0.80×), ${cpuRatio.toFixed(2)}× the requests per CPU second`,
    );
  } finally {
    child.kill("SIGTERM");
    rmSync(persistTo, { recursive: true, force: true });
  }
}
