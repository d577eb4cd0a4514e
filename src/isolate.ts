/**
 * What lives as long as the isolate: the image core's instance pool and the memory ledger that
 * counts it and the codec pools. One ledger per isolate in production (one set of settings); tests
 * that run the worker with other memory settings get a ledger of their own over the same pools.
 */
import coreModule from "../wasm/build/core.wasm";
import { HotCache } from "./cache";
import type { Config } from "./config";
import { MemoryLedger } from "./memory";
import { av1Pool } from "./pipeline/av1";
import { codecPools } from "./pipeline/codecs";
import { CorePool } from "./pipeline/pool";

/** Two idle cores of 16 MB together at most: two requests often overlap, and most need 4–8 MB. */
export const corePool = new CorePool(coreModule);

/**
 * The isolate's hottest small responses (cache.ts): 4 MiB at most, each at most 256 KiB (thumbnails
 * and info documents), for 30 s, so another isolate's purge is seen here within that time.
 */
export const hotCache = new HotCache(4 * 2 ** 20, 256 * 1024, 30_000);

const ledgers = new Map<string, MemoryLedger>();

export function isolateLedger(config: Readonly<Config>): MemoryLedger {
  const key = `${config.isolateMemoryBytes}/${config.requestMemoryBytes}`;
  let ledger = ledgers.get(key);
  if (!ledger) {
    ledger = new MemoryLedger(config.isolateMemoryBytes, config.requestMemoryBytes);
    ledger.attach(corePool);
    ledger.attach(av1Pool);
    ledger.attach(hotCache);
    for (const pool of Object.values(codecPools)) ledger.attach(pool);
    ledgers.set(key, ledger);
  }
  return ledger;
}
