/**
 * Purging a source's derivatives: every stored thumbnail and info document under
 * `THUMB_PREFIX + source + "/"` (listed and deleted 1000 keys at a time), then their edge-cache
 * copies. The Cache API is per data centre, so the copies elsewhere go by a zone purge of the
 * source's cache tag (CACHE_ZONE_ID + CACHE_PURGE_TOKEN); without it only this data centre's are
 * deleted, by URL, and other data centres serve theirs until CACHE_CONTROL's max-age.
 */
import { sourceTag } from "./cache";
import { ThumbnailError } from "./errors";
import type { Services } from "./thumbnails";
import { derivativeUrl } from "./thumbnails";
import { METHODS } from "./url";

export interface PurgeResult {
  readonly sources: ReadonlyArray<{ readonly source: string; readonly deleted: number }>;
  readonly deleted: number;
  /** `zone`: every data centre (by cache tag); `local`: this one (by URL); `none`: not reached (no origin known). */
  readonly edge: "zone" | "local" | "none";
}

export interface PurgeOptions {
  /** The origin the purge request came to: this data centre's copies are deleted under it. */
  readonly origin?: string;
  /** For the zone purge API (tests stub it). */
  readonly fetch?: typeof fetch;
}

/** The zone purge API takes up to 100 tags per call on every plan. */
export const ZONE_PURGE_TAGS = 100;
/** R2 and Cache API calls in flight at once: enough to overlap latency, few enough to stay polite. */
const CONCURRENCY = 8;

export async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Whether `key` is a derivative of `source` itself, not of a source "below" it: the prefix `a/`
 * also holds `a/b.jpg/100x/scale/….jpg`, a thumbnail of the source `a/b.jpg`.
 */
export function derivativeOf(source: string): (key: string) => boolean {
  return (key) => {
    const parts = key.slice(source.length + 1).split("/");
    if (parts.length === 3) return (METHODS as readonly string[]).includes(parts[1] ?? "");
    return parts.length === 2 && parts[0] === "info" && (parts[1] ?? "").endsWith(".json");
  };
}

async function zonePurge(tags: readonly string[], zone: { zoneId: string; apiToken: string }, fetcher: typeof fetch): Promise<void> {
  for (let i = 0; i < tags.length; i += ZONE_PURGE_TAGS) {
    const response = await fetcher(`https://api.cloudflare.com/client/v4/zones/${zone.zoneId}/purge_cache`, {
      method: "POST",
      headers: { Authorization: `Bearer ${zone.apiToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ tags: tags.slice(i, i + ZONE_PURGE_TAGS) }),
    });
    const body = (await response.json().catch(() => null)) as { success?: boolean; errors?: unknown } | null;
    if (!response.ok || body?.success !== true) {
      throw new ThumbnailError("EDGE_PURGE_FAILED", { internal: `zone purge: HTTP ${response.status} ${JSON.stringify(body?.errors ?? null)}` });
    }
  }
}

export async function purgeSources(sources: readonly string[], s: Services, options: PurgeOptions = {}): Promise<PurgeResult> {
  const unique = [...new Set(sources)];
  const deleted = await mapLimit(unique, CONCURRENCY, async (source) => {
    const keys = await s.thumbs.deleteAll(`${source}/`, derivativeOf(source));
    s.negative.delete(source);
    return { source, keys };
  });
  let edge: PurgeResult["edge"] = "none";
  const tags = await Promise.all(unique.map((source) => sourceTag(s.config.thumbPrefix, source)));
  for (const tag of tags) s.cache.forgetTag?.(tag);
  if (s.config.zonePurge) {
    await zonePurge(tags, s.config.zonePurge, options.fetch ?? fetch);
    edge = "zone";
  } else if (options.origin !== undefined) {
    const { origin } = options;
    const urls = deleted.flatMap(({ source, keys }) => keys.map((key) => derivativeUrl(origin, s.config, source, key.slice(source.length + 1))));
    await mapLimit(urls, CONCURRENCY, (url) => s.cache.delete(url));
    edge = "local";
  }
  const counts = deleted.map(({ source, keys }) => ({ source, deleted: keys.length }));
  s.log({ level: "info", event: "purged", sources: unique.length, deleted: counts.reduce((n, c) => n + c.deleted, 0), edge });
  return { sources: counts, deleted: counts.reduce((n, c) => n + c.deleted, 0), edge };
}
