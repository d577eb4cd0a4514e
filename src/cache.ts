/**
 * Edge caching. `ResponseCache` wraps the Workers Cache API (which only works on a custom domain,
 * so nothing may depend on a hit); `NegativeCache` remembers missing sources per isolate so a
 * flood of requests for a deleted image does not become a flood of R2 reads.
 */
export interface ResponseCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

export class WorkersResponseCache implements ResponseCache {
  constructor(private readonly cache: Cache) {}

  match(url: string): Promise<Response | undefined> {
    return this.cache.match(new Request(url));
  }

  put(url: string, response: Response): Promise<void> {
    return this.cache.put(new Request(url), response);
  }
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
}
