/**
 * Edge caching. `ResponseCache` wraps the Workers Cache API (which only works on a custom domain,
 * so nothing may depend on a hit), with the isolate's few hottest responses in front of it
 * (`HotCache`); `NegativeCache` remembers missing sources per isolate so a flood of requests for a
 * deleted image does not become a flood of R2 reads.
 */
import type { MemoryAccount } from "./memory";

export interface ResponseCache {
  match(url: string): Promise<Response | undefined>;
  /** `tag` goes into the stored copy's Cache-Tag, so a zone purge by tag reaches every data centre. */
  put(url: string, response: Response, tag: string): Promise<void>;
  /** This data centre only (the Cache API is per data centre). */
  delete(url: string): Promise<boolean>;
  /** Drops this isolate's own copies of a tag's responses (a zone purge reaches the rest). */
  forgetTag?(tag: string): void;
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

interface HotEntry {
  readonly body: Uint8Array;
  /** A copy of its own: the Response that is made from an entry copies it in turn. */
  readonly headers: Headers;
  readonly tag: string;
  readonly storedAt: number;
}

/**
 * The isolate's most recently served small responses, least recently used first out. A Cache API
 * lookup is most of what a cached thumbnail costs (on `wrangler dev`, about a third of its CPU); a
 * Map lookup is nothing. It is an account of the memory ledger: its bytes count against the
 * isolate, and it empties when a waiting request needs the room. Entries live `ttlMs` at most, so a
 * purge made in another isolate (or by an upload event) is seen here within that time; a purge made
 * in this isolate drops its entries at once (`delete`, `forgetTag`).
 */
export class HotCache implements MemoryAccount {
  readonly #entries = new Map<string, HotEntry>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get heldBytes(): number {
    return this.#bytes;
  }

  reclaim(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get(url: string): HotEntry | undefined {
    const entry = this.#entries.get(url);
    if (!entry) return undefined;
    this.#entries.delete(url);
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.#bytes -= entry.body.byteLength;
      return undefined;
    }
    this.#entries.set(url, entry);
    return entry;
  }

  set(url: string, body: Uint8Array, headers: Headers, tag: string): void {
    if (body.byteLength > this.maxEntryBytes) return;
    this.delete(url);
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes + body.byteLength <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.body.byteLength;
    }
    this.#entries.set(url, { body, headers: new Headers(headers), tag, storedAt: this.now() });
    this.#bytes += body.byteLength;
  }

  delete(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    this.#entries.delete(url);
    this.#bytes -= entry.body.byteLength;
  }

  forgetTag(tag: string): void {
    for (const [url, entry] of this.#entries) if (entry.tag === tag) this.delete(url);
  }
}

/** `HotCache` in front of another cache: filled by what is put and by the other cache's hits. */
export class TieredResponseCache implements ResponseCache {
  constructor(
    private readonly hot: HotCache,
    private readonly edge: ResponseCache,
  ) {}

  async match(url: string): Promise<Response | undefined> {
    const entry = this.hot.get(url);
    // A copy per response: a body handed to the runtime may be transferred.
    if (entry) return new Response(entry.body.slice(), { headers: entry.headers });
    const hit = await this.edge.match(url);
    const tag = hit?.headers.get("Cache-Tag");
    if (!hit || !tag || !this.fits(hit)) return hit;
    const body = new Uint8Array(await hit.arrayBuffer());
    this.hot.set(url, body, hit.headers, tag);
    return new Response(body.slice(), hit);
  }

  async put(url: string, response: Response, tag: string): Promise<void> {
    if (this.fits(response)) {
      const copy = response.clone();
      this.hot.set(url, new Uint8Array(await copy.arrayBuffer()), copy.headers, tag);
    }
    await this.edge.put(url, response, tag);
  }

  delete(url: string): Promise<boolean> {
    this.hot.delete(url);
    return this.edge.delete(url);
  }

  forgetTag(tag: string): void {
    this.hot.forgetTag(tag);
    this.edge.forgetTag?.(tag);
  }

  private fits(response: Response): boolean {
    const length = Number(response.headers.get("Content-Length"));
    return response.status === 200 && Number.isSafeInteger(length) && length <= this.hot.maxEntryBytes;
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
