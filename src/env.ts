import type { ThumbnailLock } from "./lock-do";

/** Bindings (wrangler.toml) plus settings (vars and secrets, all strings; see config.ts). */
export interface Env {
  readonly SOURCES: R2Bucket;
  readonly THUMBS: R2Bucket;
  readonly LOCKS: DurableObjectNamespace<ThumbnailLock>;
  readonly [setting: string]: unknown;
}
