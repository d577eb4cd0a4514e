// Fuzz test of the service's entry point, generateThumbnail, on the real image core and codecs (see
// fuzz/runner.ts): every mutant of the seeds (bit flips, byte sets, truncations, repeated and injected
// segments, extreme dimension fields) must give a thumbnail of the planned size or a 4xx
// ThumbnailError, within a time bound, and the core must still make a correct thumbnail afterwards.
// `npm run fuzz` is the long run (FUZZ_MUTANTS=20000); FUZZ_SEED and FUZZ_ONLY replay a failure.
import { describe, expect, it } from "vitest";
import { formatSummary, fuzz, type FuzzOptions } from "./fuzz/runner";

const env = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};

const only = process.env.FUZZ_ONLY;
const options: FuzzOptions = {
  seed: env("FUZZ_SEED", 20261128),
  mutants: env("FUZZ_MUTANTS", 4000),
  only: only === undefined || only === "" ? undefined : Number(only),
  checkEvery: env("FUZZ_CHECK_EVERY", 50),
  slowMs: env("FUZZ_SLOW_MS", 2000),
  killMs: env("FUZZ_KILL_MS", 20000),
};

describe("fuzz: generateThumbnail on mutated JPEG, PNG, GIF, WebP and AVIF", () => {
  it(
    `${options.only === undefined ? `${options.mutants} mutants` : `mutant ${options.only}`} of seed ${options.seed}: a thumbnail or a 4xx, no trap, no hang`,
    async () => {
      const summary = await fuzz(options);
      const report = formatSummary(options, summary);
      console.log(report);
      expect(summary.failures.length, report).toBe(0);
      const total = Object.values(summary.counts).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
      expect(total).toBe(options.only === undefined ? options.mutants : 1);
      expect(summary.checks).toBeGreaterThan(0);
    },
    60_000 + options.mutants * 50,
  );
});
