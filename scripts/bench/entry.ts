// What the benchmark runs: the Worker's own pipeline, bundled for Node with the same wasm modules.
import coreModule from "../../wasm/build/core.wasm";
import { parseConfig } from "../../src/config";
import type { Config } from "../../src/config";
import { corePool, isolateLedger } from "../../src/isolate";
import type { LedgerSnapshot } from "../../src/memory";
import { instantiateCore, type ImageCore } from "../../src/pipeline/core";
import { av1EncoderBytes, webpDecoderBytes } from "../../src/pipeline/budget";
import { generateThumbnail, prepareThumbnail, type Thumbnail } from "../../src/pipeline/index";
import { probe } from "../../src/pipeline/probe";
import { parseThumbnailPath, type ThumbnailRequest } from "../../src/url";

export { AVIF_SPEED, avifQuantizer } from "../../src/pipeline/avif-settings";
export { writeAvif } from "../../src/pipeline/avif-writer";
export { av1EncoderBytes, generateThumbnail, parseConfig, parseThumbnailPath, prepareThumbnail, probe, webpDecoderBytes };

let shared: Promise<ImageCore> | undefined;
/** One growable core reused by every call: the pipeline's own cost, without instance churn. */
export const core = () => (shared ??= instantiateCore(coreModule));
/** A fresh core with exactly `maxBytes` of memory, as the cost model reserves it. */
export const reservedCore = (maxBytes: number) => instantiateCore(coreModule, maxBytes);

/**
 * A thumbnail as the Worker makes it (src/thumbnails.ts `render` and `convert`): the header and the
 * cost first, then a core of that size class from the isolate's pool, the source copied into the
 * core's memory (where the Worker reads the body from R2) and the pipeline run on it there. The
 * benchmarks call only this, so a change in how the service drives the pipeline is followed here.
 * The ledger's admission is left out: the bench makes one thumbnail at a time.
 */
export async function thumbnail(
  request: ThumbnailRequest,
  config: Readonly<Config>,
  source: Uint8Array,
  now?: () => number,
): Promise<Thumbnail> {
  const prepared = prepareThumbnail(request, config, source);
  return corePool.use(prepared.cost.coreBytes, (c) => {
    const input = c.putBytes(source);
    const bytes = new Uint8Array(c.exports.memory.buffer, input, source.byteLength);
    return generateThumbnail(request, config, c, bytes, now, prepared, input);
  });
}

/** What the isolate's memory ledger counts now (idle pooled instances included). */
export const ledger = (config: Readonly<Config>): LedgerSnapshot => isolateLedger(config).snapshot();

export { codecPools, encoders } from "../../src/pipeline/codecs";
export { colourGrid } from "../../src/pipeline/icc";
export { runRows } from "../../src/pipeline/rows";
