// What an isolate's memory limit counts, seen from Node: every WebAssembly memory (the image core's
// and each codec's) plus live JS ArrayBuffers. Node leaves wasm memories out of
// process.memoryUsage(), so they are collected as modules instantiate. Import this before anything
// instantiates a module; run node with --expose-gc.
//
// Memories are held through WeakRefs: a codec instance the pipeline drops stops counting once it is
// collected, as in an isolate. A wasm memory only grows, so its size after a call is the most it
// reached during it; live ArrayBuffers are sampled around every call into any module, so the peak
// sees the moments between calls where JS holds a full frame.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const memories = new Set();
const seen = new WeakSet();
const labels = new WeakMap();
let onCall = null;

const here = fileURLToPath(import.meta.url);
const sections = new Map();

/** `// path` comments esbuild puts before each source file of a bundle: [line, path] in order. */
function sectionsOf(file) {
  if (!sections.has(file)) {
    const found = [];
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    text.split("\n").forEach((line, i) => {
      if (/^\/\/ \S+\.[jt]s$/.test(line)) found.push([i + 1, line.slice(3)]);
    });
    sections.set(file, found);
  }
  return sections.get(file);
}

/**
 * Which module is being instantiated, for the report (`avif_enc`, `core`, …): the
 * nearest caller's source file in the bundle, skipping jSquash's shared `utils.js`, which
 * instantiates on behalf of each codec.
 */
function callerLabel() {
  for (const line of (new Error().stack ?? "").split("\n").slice(1)) {
    const match = /(?:\(|at )(?:file:\/\/)?(\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (!match || match[1] === here) continue;
    const path = sectionsOf(match[1]).findLast(([start]) => start <= Number(match[2]))?.[1] ?? match[1];
    if (path.endsWith("/utils.js")) continue;
    return path.split("/").pop().replace(/\.[jt]s$/, "");
  }
  return "?";
}

function remember(memory, label) {
  if (seen.has(memory)) return;
  seen.add(memory);
  labels.set(memory, label);
  memories.add(new WeakRef(memory));
}

function wrapExports(exports, label) {
  const wrapped = {};
  for (const [name, value] of Object.entries(exports)) {
    if (value instanceof WebAssembly.Memory) remember(value, label);
    wrapped[name] =
      typeof value === "function"
        ? function (...args) {
            onCall?.();
            try {
              return value.apply(this, args);
            } finally {
              onCall?.();
            }
          }
        : value;
  }
  return wrapped;
}

/** The instance as its caller sees it, with every exported function reporting its calls. */
function tracked(instance, imports, label) {
  for (const module of Object.values(imports ?? {})) {
    for (const value of Object.values(module ?? {})) if (value instanceof WebAssembly.Memory) remember(value, label);
  }
  const exports = wrapExports(instance.exports, label);
  return new Proxy(instance, {
    get(target, property) {
      return property === "exports" ? exports : Reflect.get(target, property, target);
    },
  });
}

const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (source, imports) {
  const label = callerLabel();
  const result = await instantiate.call(this, source, imports);
  if (result instanceof WebAssembly.Instance) return tracked(result, imports, label);
  return { module: result.module, instance: tracked(result.instance, imports, label) };
};
WebAssembly.instantiateStreaming = async function (source, imports) {
  const response = await source;
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
};
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args) {
    return tracked(new target(...args), args[1], callerLabel());
  },
});

/** Bytes of every WebAssembly memory still reachable. */
export function wasmBytes() {
  let sum = 0;
  for (const ref of memories) {
    const memory = ref.deref();
    if (memory) sum += memory.buffer.byteLength;
    else memories.delete(ref);
  }
  return sum;
}

/** The reachable WebAssembly memories, largest first: { label, bytes }. */
export function wasmMemorySizes() {
  return [...memories]
    .map((ref) => ref.deref())
    .filter((memory) => memory !== undefined)
    .map((memory) => ({ label: labels.get(memory), bytes: memory.buffer.byteLength }))
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * Wasm memories plus live ArrayBuffers, after a full GC, twice: after one, a 10 MB dead Buffer was
 * still counted (V8 frees ArrayBuffer memory in a sweeper that can outlast the GC), after two not.
 */
export function liveBytes() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().arrayBuffers + wasmBytes();
}

/**
 * liveBytes() once the current job has ended, as between two requests of an isolate. Reading a
 * WeakRef keeps its target alive until the job ends, and a run of awaits that never waits on I/O is
 * one job: without the pause, every instance read since would still count.
 */
export async function settledLiveBytes() {
  await new Promise((resolve) => setImmediate(resolve));
  return liveBytes();
}

/**
 * Tracks the peak of liveBytes() across every call into WebAssembly until `stop()`. Without a GC
 * the ArrayBuffer count also holds garbage, so it is an upper bound: only when that bound passes
 * the peak so far is a GC run to get the exact figure (a GC per call would take minutes).
 */
export function peakTracker() {
  let peak = liveBytes();
  const sample = () => {
    if (process.memoryUsage().arrayBuffers + wasmBytes() > peak) peak = Math.max(peak, liveBytes());
  };
  onCall = sample;
  return {
    sample,
    stop() {
      sample();
      onCall = null;
      return peak;
    },
  };
}
