import { DurableObject } from "cloudflare:workers";
import type { Env } from "./env";
import { LeaseTable, type LockOutcome, type LockResult, type LockService } from "./lock";

/**
 * One instance per thumbnail key. Waiters live in memory (they are in-flight requests); only the
 * lease is persisted, with an alarm at its expiry, so a restarted object still honours it and a
 * dead holder's lease is cleared even when no request comes to notice.
 */
export class ThumbnailLock extends DurableObject<Env> {
  private readonly table: LeaseTable;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.table = new LeaseTable(async (lease) => {
      if (lease) {
        await ctx.storage.put("lease", lease);
        await ctx.storage.setAlarm(lease.expires);
      } else {
        await ctx.storage.delete("lease");
        await ctx.storage.deleteAlarm();
      }
    });
    // Only the restore is blocked on: it reads local storage and holds no I/O across requests.
    void ctx.blockConcurrencyWhile(async () => {
      this.table.restore((await ctx.storage.get<{ token: string; expires: number }>("lease")) ?? null);
    });
  }

  acquire(leaseMs: number, waitMs: number): Promise<LockResult> {
    return this.table.acquire(leaseMs, waitMs);
  }

  release(token: string, outcome: LockOutcome): Promise<void> {
    return this.table.release(token, outcome);
  }

  /** For tests and operators: the current lease expiry, or null. */
  leaseExpires(): number | null {
    return this.table.expires;
  }

  override async alarm(): Promise<void> {
    const expires = this.table.expires;
    if (expires === null) return;
    if (expires <= Date.now()) this.table.expire();
    else await this.ctx.storage.setAlarm(expires);
  }
}

export class DurableObjectLockService implements LockService {
  constructor(private readonly namespace: DurableObjectNamespace<ThumbnailLock>) {}

  private stub(key: string): DurableObjectStub<ThumbnailLock> {
    return this.namespace.get(this.namespace.idFromName(key));
  }

  acquire(key: string, leaseMs: number, waitMs: number): Promise<LockResult> {
    return this.stub(key).acquire(leaseMs, waitMs) as Promise<LockResult>;
  }

  async release(key: string, token: string, outcome: LockOutcome): Promise<void> {
    await this.stub(key).release(token, outcome);
  }
}
