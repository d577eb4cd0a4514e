/**
 * Edge caching. `ResponseCache` wraps the Workers Cache API (which only works on a custom domain,
 * so nothing may depend on a hit); `NegativeCache` remembers missing sources per isolate so a
 * flood of requests for a deleted image does not become a flood of R2 reads.
 */
export interface ResponseCache {
  match(url: string): Promise<Response | undefined>;
  /** `tag` goes into the stored copy's Cache-Tag, so a zone purge by tag reaches every data centre. */
  put(url: string, response: Response, tag: string): Promise<void>;
  /** This data centre only (the Cache API is per data centre). */
  delete(url: string): Promise<boolean>;
}

export class WorkersResponseCache implements ResponseCache {
  constructor(private readonly cache: Cache) {}

  match(url: string): Promise<Response | undefined> {
    return this.cache.match(new Request(url));
  }

  put(url: string, response: Response, tag: string): Promise<void> {
    const tagged = new Response(response.body, response);
    tagged.headers.set("Cache-Tag", tag);
    return this.cache.put(new Request(url), tagged);
  }

  delete(url: string): Promise<boolean> {
    return this.cache.delete(new Request(url));
  }
}

/**
 * The cache tag of every thumbnail (and info document) of one source: a hash, because keys may hold
 * commas (the Cache-Tag separator), non-ASCII text and up to 1024 bytes, and tags may not.
 */
export async function sourceTag(thumbPrefix: string, source: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${thumbPrefix}${source}/`));
  return `thumbsmith-${Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class NegativeCache {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.entries.delete(key);
    return false;
  }

  add(key: string): void {
    if (this.ttlMs <= 0) return;
    // Map iteration order is insertion order: the first key is the oldest.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(key);
    this.entries.set(key, this.now() + this.ttlMs);
  }

  /** A source that was just uploaded is no longer missing. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
