/**
 * The per-thumbnail lock: identical concurrent requests generate once. The first caller gets a
 * lease; the others wait for its outcome. A lease expires after its TTL, so a holder that dies
 * (isolate evicted, CPU limit) loses the lock and the next caller takes over.
 */
export interface LockOutcome {
  /** The holder stored the thumbnail. */
  readonly ok: boolean;
  /** Set when the holder failed on input that will fail again (e.g. 422): waiters answer the same. */
  readonly error?: { readonly code: string; readonly detail: string };
}

export type LockResult =
  | { readonly kind: "acquired"; readonly token: string }
  | { readonly kind: "released"; readonly outcome: LockOutcome }
  | { readonly kind: "expired" }
  | { readonly kind: "timeout" };

export interface LockService {
  /** Takes the lease if free (or expired); otherwise waits up to `waitMs` for the holder. */
  acquire(key: string, leaseMs: number, waitMs: number): Promise<LockResult>;
  release(key: string, token: string, outcome: LockOutcome): Promise<void>;
}

interface Lease {
  readonly token: string;
  readonly expires: number;
}

interface Waiter {
  readonly resolve: (result: LockResult) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * The lease state machine, shared by the Durable Object and the in-memory lock so both behave
 * identically. `persist` mirrors the lease to durable storage (and schedules its expiry).
 */
export class LeaseTable {
  private lease: Lease | null = null;
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly persist: (lease: Lease | null) => Promise<void> | void,
    private readonly now: () => number = Date.now,
  ) {}

  restore(lease: Lease | null): void {
    this.lease = lease;
  }

  async acquire(leaseMs: number, waitMs: number): Promise<LockResult> {
    if (this.lease && this.lease.expires <= this.now()) this.expire();
    if (!this.lease) {
      const lease = { token: crypto.randomUUID(), expires: this.now() + leaseMs };
      this.lease = lease;
      await this.persist(lease);
      return { kind: "acquired", token: lease.token };
    }
    const remaining = Math.min(waitMs, this.lease.expires - this.now());
    if (remaining <= 0) return { kind: "timeout" };
    return new Promise<LockResult>((resolve) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          if (this.lease && this.lease.expires <= this.now()) this.expire();
          resolve(waitMs <= remaining ? { kind: "timeout" } : { kind: "expired" });
        }, remaining),
      };
      this.waiters.add(waiter);
    });
  }

  async release(token: string, outcome: LockOutcome): Promise<void> {
    if (this.lease?.token !== token) return;
    this.lease = null;
    await this.persist(null);
    this.wake({ kind: "released", outcome });
  }

  /** Drops a lease whose holder is presumed dead; waiters retry and one of them takes over. */
  expire(): void {
    if (!this.lease) return;
    this.lease = null;
    void this.persist(null);
    this.wake({ kind: "expired" });
  }

  get expires(): number | null {
    return this.lease?.expires ?? null;
  }

  private wake(result: LockResult): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(result);
    }
    this.waiters.clear();
  }
}

export class MemoryLockService implements LockService {
  private readonly tables = new Map<string, LeaseTable>();

  constructor(private readonly now: () => number = Date.now) {}

  private table(key: string): LeaseTable {
    let table = this.tables.get(key);
    if (!table) {
      table = new LeaseTable(() => undefined, this.now);
      this.tables.set(key, table);
    }
    return table;
  }

  acquire(key: string, leaseMs: number, waitMs: number): Promise<LockResult> {
    return this.table(key).acquire(leaseMs, waitMs);
  }

  release(key: string, token: string, outcome: LockOutcome): Promise<void> {
    return this.table(key).release(token, outcome);
  }
}
