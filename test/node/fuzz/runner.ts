/**
 * Runs mutants of the fuzz seeds through generateThumbnail in a worker thread (bundled here with
 * esbuild, `.wasm` imports compiled as in Workers) and watches it: a mutant that never returns is a
 * hang, and the thread is killed and restarted after it. Every failure names the seed and mutant
 * index: `FUZZ_SEED=<seed> FUZZ_ONLY=<index> npm run fuzz` replays just that mutant.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import sharp from "sharp";
import { wasmModules } from "../../../scripts/bench/load.mjs";
import type { Format } from "./mutate";
import { mutate } from "./mutate";
import { psnr } from "../pixels";
import { mutantSpec, type Fixture, type FromWorker, type RequestSpec, type WorkerInput } from "./protocol";
import { readFileSync } from "node:fs";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "fuzz");
const FORMATS: Record<string, Format> = { jpg: "jpeg", png: "png", gif: "gif", webp: "webp", avif: "avif" };

/**
 * The seeds (test/fixtures/fuzz/, 48×32, under 6 KB each, made once with sharp 0.35 from
 * Landscape_1.jpg resized with `fit: "fill"`): baseline.jpg (q80, 4:2:0), progressive.jpg, grey.jpg,
 * 444.jpg (q90, 4:4:4); rgba.png (alpha = horizontal ramp), palette-adam7.png (16 colours,
 * interlaced), grey.png; still.gif, alpha-interlaced.gif; lossy.webp, alpha.webp (VP8X + ALPH),
 * lossless.webp; still.avif (q50); icc-p3.jpg and icc-p3.png (sharp's Display P3 profile, APP2 and
 * zlib iCCP: mutants reach Little CMS); animated.webp (from kitten.jpg, built by hand: a 48×32 canvas,
 * a lossy 24×16 first frame with alpha at (8, 8), a lossless second frame). Plus eight 301×203 /
 * 130×90 / 120×80 files of the core decoders' tests.
 */
export function fuzzFixtures(): Fixture[] {
  const fixture = (dir: string, name: string): Fixture => {
    const format = FORMATS[name.slice(name.lastIndexOf(".") + 1)];
    if (!format) throw new Error(`fuzz fixture with an unknown extension: ${name}`);
    return { name, path: join(dir, name), format };
  };
  return [
    ...readdirSync(FIXTURES)
      .sort()
      .map((name) => fixture(FIXTURES, name)),
    ...SHARED_SEEDS.map((name) => fixture(join(FIXTURES, ".."), name)),
  ];
}

/**
 * Code paths the small seeds lack: restart markers, several scans, Adobe CMYK, an offset GIF frame,
 * arithmetic coding (sequential with restarts, progressive), junk between segments, no DHT.
 */
const SHARED_SEEDS = [
  "jpeg-core/s-420-restart.jpg",
  "jpeg-core/s-420-multiscan.jpg",
  "jpeg-core/s-cmyk.jpg",
  "gif/im-offset-anim.gif",
  "jpeg-core/a-422-restart.jpg",
  "jpeg-core/a-420-progressive.jpg",
  "jpeg-core/x-junk.jpg",
  "jpeg-core/x-no-dht.jpg",
];

export interface FuzzOptions {
  readonly seed: number;
  readonly mutants: number;
  /** Only this mutant (a replay). */
  readonly only?: number;
  readonly checkEvery: number;
  readonly slowMs: number;
  /** No answer after this long: the worker is killed and the mutant reported as a hang. */
  readonly killMs: number;
}

export interface Failure {
  readonly index: number;
  readonly fixture: string;
  readonly what: string;
  readonly steps: readonly string[];
  /** The mutant's bytes, written for a closer look. */
  readonly file: string;
}

export interface FuzzSummary {
  /** format → outcome ("ok", a ThumbnailError code, or "FAILURE") → count. */
  readonly counts: Record<string, Record<string, number>>;
  readonly failures: Failure[];
  readonly checks: number;
  readonly slowest: { index: number; ms: number; what: string };
}

const CLEAN_REQUEST: RequestSpec = { width: 40, height: 0, method: "scale", format: "png" };

async function bundleWorker(): Promise<{ file: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "thumbsmith-fuzz-"));
  const file = join(dir, "worker.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "worker.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: file,
    logLevel: "error",
    plugins: [wasmModules],
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function rgba(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}


function saveMutant(seed: number, index: number, fixtures: readonly Fixture[]): string {
  if (index < 0) return "";
  const spec = mutantSpec(seed, index, fixtures.length);
  const fixture = fixtures[spec.fixture];
  if (!fixture) return "";
  const mutant = mutate(fixture.format, new Uint8Array(readFileSync(fixture.path)), spec.rng);
  const file = join(tmpdir(), `thumbsmith-fuzz-${seed}-${index}.${fixture.name.split(".").pop()}`);
  writeFileSync(file, mutant.bytes);
  return file;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const fixtures = fuzzFixtures();
  const cleanFixture = fixtures.findIndex((f) => f.name === "baseline.jpg");
  const counts: Record<string, Record<string, number>> = {};
  const failures: Failure[] = [];
  let checks = 0;
  let slowest = { index: -1, ms: 0, what: "" };
  let reference: { data: Uint8Array; width: number; height: number } | undefined;
  const bundle = await bundleWorker();
  const fail = (index: number, fixture: string, what: string, steps: readonly string[]) =>
    failures.push({ index, fixture, what, steps, file: saveMutant(options.seed, index, fixtures) });

  const first = options.only ?? 0;
  const last = options.only === undefined ? options.mutants : options.only + 1;
  try {
    let start = first;
    while (start < last) {
      start = await new Promise<number>((resolve, reject) => {
        const input: WorkerInput = { fixtures, seed: options.seed, start, end: last, checkEvery: options.checkEvery, slowMs: options.slowMs, cleanFixture, cleanRequest: CLEAN_REQUEST };
        const worker = new Worker(bundle.file, { workerData: input });
        let current = start;
        let since = performance.now();
        let pending = Promise.resolve();
        const watchdog = setInterval(() => {
          if (performance.now() - since < options.killMs) return;
          clearInterval(watchdog);
          void worker.terminate();
          const fixture = fixtures[mutantSpec(options.seed, current, fixtures.length).fixture];
          fail(current, fixture?.name ?? "?", `no answer after ${options.killMs} ms: hang (worker killed)`, []);
          const format = fixture?.format ?? "?";
          counts[format] ??= {};
          counts[format].FAILURE = (counts[format].FAILURE ?? 0) + 1;
          resolve(current + 1);
        }, 250);
        worker.on("error", (error) => {
          clearInterval(watchdog);
          reject(error);
        });
        worker.on("message", (message: FromWorker) => {
          since = performance.now();
          if (message.type === "begin") current = message.index;
          else if (message.type === "result" && message.index < 0) {
            if (message.failure) fail(message.index, message.fixture, message.failure, []);
          } else if (message.type === "result") {
            const byFormat = (counts[message.format] ??= {});
            const key = message.failure ? "FAILURE" : message.outcome;
            byFormat[key] = (byFormat[key] ?? 0) + 1;
            if (message.failure) fail(message.index, message.fixture, `${message.outcome}: ${message.failure}`, message.steps);
            if (message.ms > slowest.ms) slowest = { index: message.index, ms: message.ms, what: `${message.fixture}; ${message.steps.join(" + ")} → ${message.outcome}` };
          } else if (message.type === "check") {
            // Decoding is async: keep the checks in order, and finish them before the summary.
            pending = pending.then(async () => {
              checks++;
              if ("error" in message) {
                fail(message.index, "baseline.jpg (clean)", `clean request after mutant ${message.index} failed: ${message.error}`, []);
                return;
              }
              const image = await rgba(message.bytes);
              if (image.width !== message.width || image.height !== message.height) {
                fail(message.index, "baseline.jpg (clean)", `clean output decodes as ${image.width}x${image.height}, thumbnail says ${message.width}x${message.height}`, []);
                return;
              }
              if (!reference) {
                reference = image;
                return;
              }
              const same = image.width === reference.width && image.height === reference.height;
              const db = same ? psnr(image.data, reference.data) : 0;
              if (db < 50) fail(message.index, "baseline.jpg (clean)", `clean output after mutant ${message.index}: ${image.width}x${image.height} at ${db.toFixed(1)} dB from the first`, []);
            });
          } else if (message.type === "done") {
            clearInterval(watchdog);
            void worker.terminate();
            pending.then(() => resolve(last), reject);
          }
        });
      });
    }
  } finally {
    bundle.dispose();
  }
  return { counts, failures, checks, slowest };
}

export function formatSummary(options: FuzzOptions, summary: FuzzSummary): string {
  const lines: string[] = [];
  const total = Object.values(summary.counts).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
  lines.push(`fuzz: seed ${options.seed}, ${total} mutants, ${summary.checks} clean checks, slowest mutant ${summary.slowest.index} (${summary.slowest.ms.toFixed(0)} ms: ${summary.slowest.what})`);
  for (const [format, byOutcome] of Object.entries(summary.counts).sort()) {
    const parts = Object.entries(byOutcome)
      .sort((a, b) => b[1] - a[1])
      .map(([outcome, n]) => `${outcome} ${n}`);
    lines.push(`  ${format.padEnd(5)} ${parts.join(", ")}`);
  }
  for (const f of summary.failures.slice(0, 30)) {
    lines.push(`FAIL mutant ${f.index} (${f.fixture}; ${f.steps.join(" + ")}): ${f.what}`);
    lines.push(`     replay: FUZZ_SEED=${options.seed} FUZZ_ONLY=${f.index} npm run fuzz   bytes: ${f.file}`);
  }
  if (summary.failures.length > 30) lines.push(`… and ${summary.failures.length - 30} more failures`);
  return lines.join("\n");
}
