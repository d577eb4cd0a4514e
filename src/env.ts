import type { ThumbnailLock } from "./lock-do";
import type { WarmMessage } from "./queue";

/** Bindings (wrangler.toml) plus settings (vars and secrets, all strings; see config.ts). */
export interface Env {
  readonly SOURCES: R2Bucket;
  readonly THUMBS: R2Bucket;
  readonly LOCKS: DurableObjectNamespace<ThumbnailLock>;
  /** The queue of R2 event notifications and warm requests (optional: `_warm` needs it). */
  readonly EVENTS?: Queue<WarmMessage>;
  readonly [setting: string]: unknown;
}
