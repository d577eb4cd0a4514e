/** What the fuzz runner and its worker thread agree on: the messages, and how mutant i is chosen. */
import type { Method, OutputFormat, ThumbnailRequest } from "../../../src/url";
import { mutantRng, type Format } from "./mutate";

export interface Fixture {
  readonly name: string;
  readonly path: string;
  readonly format: Format;
}

export interface RequestSpec {
  readonly width: number;
  readonly height: number;
  readonly method: Method;
  readonly format: OutputFormat;
}

export interface WorkerInput {
  readonly fixtures: readonly Fixture[];
  readonly seed: number;
  /** Mutant indices [start, end). */
  readonly start: number;
  readonly end: number;
  readonly checkEvery: number;
  /** A mutant that takes longer than this is reported (a hang is killed by the runner). */
  readonly slowMs: number;
  readonly cleanFixture: number;
  readonly cleanRequest: RequestSpec;
}

export type FromWorker =
  | { readonly type: "begin"; readonly index: number }
  | {
      readonly type: "result";
      readonly index: number;
      readonly format: Format;
      readonly fixture: string;
      /** "ok" or the ThumbnailError code (or the error's name when it is not one). */
      readonly outcome: string;
      readonly failure: string | undefined;
      readonly steps: readonly string[];
      readonly ms: number;
    }
  | { readonly type: "check"; readonly index: number; readonly bytes: Uint8Array; readonly width: number; readonly height: number }
  | { readonly type: "check"; readonly index: number; readonly error: string }
  | { readonly type: "done" };

const EXTENSIONS = { jpeg: ".jpg", png: ".png", webp: ".webp", avif: ".avif" } as const;

export function mutantRequest(spec: RequestSpec): ThumbnailRequest {
  const text = `${spec.width || ""}x${spec.height || ""}`;
  return {
    source: "fuzz",
    size: { width: spec.width, height: spec.height, text },
    method: spec.method,
    ext: EXTENSIONS[spec.format],
    format: spec.format,
    signature: "0".repeat(32),
    key: `fuzz/${text}/${spec.method}/${"0".repeat(32)}${EXTENSIONS[spec.format]}`,
  };
}

const SIZES: ReadonlyArray<readonly [number, number]> = [
  [32, 32], [40, 0], [0, 24], [64, 48], [17, 5], [1, 1], [200, 0], [0, 300], [96, 96],
];
const METHODS: readonly Method[] = ["scale", "crop", "smart"];
// Mostly the core's own JPEG encoder (fast); jSquash's PNG, WebP and AVIF encoders less often.
const OUTPUTS: readonly OutputFormat[] = ["jpeg", "jpeg", "jpeg", "jpeg", "jpeg", "jpeg", "png", "png", "webp", "avif"];

/** Mutant `index`: its fixture (round robin, so every format gets its share), its request, its damage. */
export function mutantSpec(seed: number, index: number, fixtures: number) {
  const rng = mutantRng(seed, index);
  const format = OUTPUTS[Math.floor(rng() * OUTPUTS.length)] ?? "jpeg";
  // jSquash's WebP and AVIF encoders take ~0.5 s for a 200×3200 output (an open side of a crop on a
  // 2-pixel-wide mutant): they get boxes, so that the time bound measures the decoders.
  const sizes = format === "webp" || format === "avif" ? SIZES.filter(([w, h]) => w > 0 && h > 0 && w * h <= 96 * 96) : SIZES;
  const [width, height] = sizes[Math.floor(rng() * sizes.length)] ?? [32, 32];
  const method = METHODS[Math.floor(rng() * METHODS.length)] ?? "scale";
  const request: RequestSpec = { width, height, method, format };
  return { fixture: index % fixtures, request, rng };
}
