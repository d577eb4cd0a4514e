// `npm run bench [-- PART…] [-- --runs N] [-- --quick] [-- --images DIR]`: the targets of issue 11,
// measured against sharp (native libvips, single-threaded) in the same run. Parts (default: all):
//   table       issue 11's requests and the 300×300 cells: status, exact dimensions, peak memory in a
//               fresh process, CPU ms and the ratio to sharp making the same output   (scripts/bench/table.mjs)
//   sequential  1000 mixed cold thumbnails in one process: live memory after each      (scripts/bench/sequential.mjs)
//   burst       12 heavy thumbnails at once on `wrangler dev`: statuses and workerd's
//               memory growth, then cold/hot throughput                               (scripts/bench/burst.mjs)
//   png         PNG output bytes against sharp's default PNG of the same thumbnail     (scripts/bench/png.mjs)
//   hot         a cached thumbnail against `_health` on `wrangler dev`, requests/s in
//               the same run (wrk when installed, else fetch)                         (scripts/bench/hot.mjs)
// --quick: the table's issue requests and the 6 MP cells only, 100 sequential thumbnails.
// --only TEXT: the table's cases whose "source size/method.ext" contains TEXT (e.g. `--only .avif`).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { defaultImagesDir, image } from "./bench/images.mjs";
import { benchConfig, loadPipeline, thumbnailRequest } from "./bench/load.mjs";
import { runPng } from "./bench/png.mjs";
import { AVIF_CASES, ISSUE_CASES, SMALL_CASES, formatTable, runTable } from "./bench/table.mjs";
import { root } from "./local.mjs";

const PARTS = ["table", "sequential", "burst", "png", "hot"];
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    images: { type: "string", default: defaultImagesDir() },
    runs: { type: "string", default: "5" },
    count: { type: "string" },
    quick: { type: "boolean", default: false },
    only: { type: "string" },
  },
});
const parts = positionals.length > 0 ? positionals : PARTS;
for (const part of parts) if (!PARTS.includes(part)) throw new Error(`unknown part '${part}': expected ${PARTS.join(", ")}`);
const runs = Number(args.runs);

// Workers run one thread per isolate: compare against single-threaded libvips.
sharp.concurrency(1);
sharp.cache(false);

const P = await loadPipeline();
  if (parts.includes("table")) {
    if (process.env.BENCH_STEPS) {
      const config = benchConfig(P);
      const bytes = new Uint8Array(readFileSync(await image(args.images, "2569067123_aca715a2ee_o.jpg")));
      const request = thumbnailRequest(P, config, "300x300", "crop", ".jpg");
      for (let i = 0; i < 5; i++) {
        const t = await P.thumbnail(request, config, bytes);
        console.log(t.timings.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(", "));
      }
    }
    const all = args.quick ? [...ISSUE_CASES, ...AVIF_CASES, ...SMALL_CASES.slice(0, 3)] : [...ISSUE_CASES, ...AVIF_CASES, ...SMALL_CASES];
    const cases = args.only ? all.filter(([source, size, method, ext]) => `${source} ${size}/${method}${ext}`.includes(args.only)) : all;
    const rows = await runTable({ P, images: args.images, runs, cases });
    console.log(`\n${formatTable(rows, runs)}\n`);
  }
  if (parts.includes("sequential")) {
    const count = args.count ?? (args.quick ? "100" : "1000");
    const child = spawnSync(process.execPath, ["--expose-gc", join(root, "scripts", "bench", "sequential.mjs"), args.images, count], { stdio: "inherit" });
    // The other parts still run: a failure here is a finding, printed above by the child.
    if (child.status !== 0) {
      console.log(`sequential: exited with ${child.status ?? child.signal}`);
      process.exitCode = 1;
    }
  }
  if (parts.includes("png")) console.log(`\n${await runPng({ P, images: args.images, runs })}\n`);
  if (parts.includes("burst")) {
    // Imported here: it needs the built client (dist/), which `npm run bench` builds first.
    const { burst } = await import("./bench/burst.mjs");
    await burst(args.images);
  }
  if (parts.includes("hot")) {
    const { hot } = await import("./bench/hot.mjs");
    await hot();
  }
