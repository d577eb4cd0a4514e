/**
 * The fuzz worker (a worker thread, bundled by runner.ts): runs mutants through the service's own
 * entry point, generateThumbnail, on one image core, and reports each outcome to the runner, which
 * can kill this thread when a mutant never returns.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import coreModule from "../../../wasm/build/core.wasm";
import { parseConfig } from "../../../src/config";
import { ThumbnailError } from "../../../src/errors";
import { coreTrapped, ImageCore, instantiateCore } from "../../../src/pipeline/core";
import { generateThumbnail, planFor } from "../../../src/pipeline/index";
import { probe } from "../../../src/pipeline/probe";
import { mutantRequest, mutantSpec, type FromWorker, type WorkerInput } from "./protocol";
import { mutate } from "./mutate";

const input = workerData as WorkerInput;
const port = parentPort;
if (!port) throw new Error("fuzz worker: not in a worker thread");
const send = (message: FromWorker) => port.postMessage(message);

const config = parseConfig({ THUMBS_SECRET: "fuzz" });
const sources = input.fixtures.map((f) => ({ ...f, bytes: new Uint8Array(readFileSync(f.path)) }));

/**
 * The core as the pipeline uses it, except that a source copied in lands at the very end of the
 * core's memory, in pages JS grew and the allocator never hands out: a decoder that reads past its
 * input traps here (a failure) instead of silently reading the next heap block.
 */
class GuardedCore extends ImageCore {
  private guardEnd = 0;
  private guardBytes = 0;
  private readonly guards: Set<number>;

  constructor(core: ImageCore) {
    const guards = new Set<number>();
    const free = core.exports.free;
    super({ ...core.exports, free: (ptr: number) => (guards.delete(ptr) ? undefined : free(ptr)) }, core.maxBytes);
    this.guards = guards;
  }

  override putBytes(bytes: Uint8Array): number {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength !== this.guardEnd || this.guardBytes < bytes.byteLength) {
      const pages = Math.ceil(bytes.byteLength / 65536) + 1;
      memory.grow(pages);
      this.guardEnd = memory.buffer.byteLength;
      this.guardBytes = pages * 65536;
    }
    const ptr = this.guardEnd - bytes.byteLength;
    new Uint8Array(memory.buffer, ptr, bytes.byteLength).set(bytes);
    this.guards.add(ptr);
    return ptr;
  }
}

/**
 * Every core starts with a free block larger than the decode budget (DECODE_BUDGET_BYTES, 64 MB):
 * a request that stays within what it reserved never grows the memory past it (and past the guard).
 * Growing beyond it means a decoder allocated more than the header declared.
 */
const RESERVE = 80 * 2 ** 20;
/** Guard pages for the largest seed after its segments are repeated. */
const GUARD_SLACK = 2 * 2 ** 20;
const guarded = new WeakMap<ImageCore, GuardedCore>();
const baseline = new WeakMap<ImageCore, number>();
let shared: Promise<ImageCore> | undefined;
/** One growable core for every mutant, replaced after a trap (its heap may be mid-update). */
async function fuzzCore(): Promise<ImageCore> {
  const core = await (shared ??= instantiateCore(coreModule));
  let wrapper = guarded.get(core);
  if (!wrapper) {
    core.exports.free(core.exports.alloc(RESERVE));
    wrapper = new GuardedCore(core);
    guarded.set(core, wrapper);
    baseline.set(wrapper, core.memoryBytes);
  }
  return wrapper;
}

/** What generateThumbnail must have produced for `bytes`, or why it could not have succeeded. */
function expectedSize(bytes: Uint8Array, request: ReturnType<typeof mutantRequest>): { width: number; height: number } | string {
  const probed = probe(bytes);
  if (probed.kind !== "image") return `the probe says ${probed.kind}`;
  const plan = planFor(probed.info, request, config);
  return { width: plan.width, height: plan.height };
}

/** A thumbnail is right when its encoded header declares the planned size in the requested format. */
function checkOutput(bytes: Uint8Array, thumb: { bytes: Uint8Array; width: number; height: number }, request: ReturnType<typeof mutantRequest>): string | undefined {
  const expected = expectedSize(bytes, request);
  if (typeof expected === "string") return `succeeded although ${expected}`;
  if (thumb.width !== expected.width || thumb.height !== expected.height) {
    return `thumbnail ${thumb.width}x${thumb.height}, plan ${expected.width}x${expected.height}`;
  }
  const out = probe(thumb.bytes);
  if (out.kind !== "image") return `output is not an image (${out.kind})`;
  if (out.info.format !== request.format) return `output is ${out.info.format}, asked for ${request.format}`;
  if (out.info.width !== thumb.width || out.info.height !== thumb.height) {
    return `output declares ${out.info.width}x${out.info.height}, thumbnail says ${thumb.width}x${thumb.height}`;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function clean(index: number): Promise<void> {
  const reference = sources[input.cleanFixture];
  if (!reference) throw new Error("fuzz worker: no clean fixture");
  const request = mutantRequest(input.cleanRequest);
  const core = await fuzzCore();
  try {
    const thumb = await generateThumbnail(request, config, core, reference.bytes);
    send({ type: "check", index, bytes: thumb.bytes, width: thumb.width, height: thumb.height });
  } catch (error) {
    send({ type: "check", index, error: describe(error) });
  }
}

/** Every seed, unmutated, must make a thumbnail: otherwise its mutants test nothing. */
async function seeds(): Promise<void> {
  for (const source of sources) {
    const request = mutantRequest(input.cleanRequest);
    let failure: string | undefined;
    try {
      const thumb = await generateThumbnail(request, config, await fuzzCore(), source.bytes);
      failure = checkOutput(source.bytes, thumb, request);
    } catch (error) {
      failure = describe(error);
    }
    send({ type: "result", index: -1, format: source.format, fixture: source.name, outcome: "seed", failure: failure && `unmutated seed: ${failure}`, steps: [], ms: 0 });
  }
}

/** Each encoder once, so that compiling its wasm is not counted against the first mutant that uses it. */
async function warmUp(): Promise<void> {
  const source = sources[input.cleanFixture];
  if (!source) throw new Error("fuzz worker: no clean fixture");
  const core = await fuzzCore();
  for (const format of ["jpeg", "png", "webp", "avif"] as const) {
    await generateThumbnail(mutantRequest({ ...input.cleanRequest, format }), config, core, source.bytes);
  }
}

async function main(): Promise<void> {
  await warmUp();
  if (input.start === 0) await seeds();
  await clean(-1);
  for (let index = input.start; index < input.end; index++) {
    const spec = mutantSpec(input.seed, index, sources.length);
    const source = sources[spec.fixture];
    if (!source) throw new Error(`fuzz worker: no fixture ${spec.fixture}`);
    const mutant = mutate(source.format, source.bytes, spec.rng);
    const request = mutantRequest(spec.request);
    send({ type: "begin", index });
    const core = await fuzzCore();
    const reserved = baseline.get(core) ?? 0;
    const start = performance.now();
    let outcome: string;
    let failure: string | undefined;
    try {
      const thumb = await generateThumbnail(request, config, core, mutant.bytes);
      failure = checkOutput(mutant.bytes, thumb, request);
      outcome = "ok";
    } catch (error) {
      if (coreTrapped(error)) shared = undefined;
      if (error instanceof ThumbnailError && error.status >= 400 && error.status < 500) {
        outcome = error.code;
      } else {
        outcome = error instanceof ThumbnailError ? error.code : error instanceof Error ? error.name : "thrown";
        failure = describe(error);
      }
    }
    const ms = performance.now() - start;
    if (!failure && ms > input.slowMs) failure = `took ${ms.toFixed(0)} ms (bound ${input.slowMs} ms)`;
    const grown = core.exports.memory.buffer.byteLength - reserved;
    if (grown > GUARD_SLACK) {
      failure ??= `the core grew by ${(grown / 2 ** 20).toFixed(1)} MB past its ${RESERVE / 2 ** 20} MB reserve`;
      baseline.set(core, core.exports.memory.buffer.byteLength); // report each growth once
    }
    send({ type: "result", index, format: source.format, fixture: source.name, outcome, failure, steps: mutant.steps, ms });
    if (failure || (index + 1) % input.checkEvery === 0) await clean(index);
  }
  send({ type: "done" });
}

void main();
