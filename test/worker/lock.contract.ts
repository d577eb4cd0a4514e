/** The lock contract every LockService implementation must pass. */
import { describe, expect, it } from "vitest";
import type { LockService } from "../../src/lock";

export function lockContract(name: string, make: () => LockService): void {
  describe(`lock contract: ${name}`, () => {
    let n = 0;
    const key = () => `${name}-key-${++n}-${crypto.randomUUID()}`;

    it("the first caller acquires", async () => {
      const result = await make().acquire(key(), 5000, 1000);
      expect(result.kind).toBe("acquired");
    });

    it("a second caller waits and gets the holder's outcome", async () => {
      const lock = make();
      const k = key();
      const first = await lock.acquire(k, 5000, 1000);
      if (first.kind !== "acquired") throw new Error("expected to acquire");
      const waiting = lock.acquire(k, 5000, 5000);
      await new Promise((r) => setTimeout(r, 50));
      await lock.release(k, first.token, { ok: false, error: { code: "SOURCE_UNDECODABLE", detail: "x" } });
      expect(await waiting).toEqual({ kind: "released", outcome: { ok: false, error: { code: "SOURCE_UNDECODABLE", detail: "x" } } });
    });

    it("after release the next caller acquires", async () => {
      const lock = make();
      const k = key();
      const first = await lock.acquire(k, 5000, 1000);
      if (first.kind !== "acquired") throw new Error("expected to acquire");
      await lock.release(k, first.token, { ok: true });
      expect((await lock.acquire(k, 5000, 1000)).kind).toBe("acquired");
    });

    it("a waiter times out after waitMs while the lease is live", async () => {
      const lock = make();
      const k = key();
      await lock.acquire(k, 10_000, 0);
      const started = Date.now();
      expect(await lock.acquire(k, 10_000, 200)).toEqual({ kind: "timeout" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    });

    it("a dead holder's lease expires: the waiter is told, and then acquires", async () => {
      const lock = make();
      const k = key();
      await lock.acquire(k, 300, 0);
      expect(await lock.acquire(k, 5000, 5000)).toEqual({ kind: "expired" });
      expect((await lock.acquire(k, 5000, 0)).kind).toBe("acquired");
    });

    it("an expired lease is taken over at once by a new caller", async () => {
      const lock = make();
      const k = key();
      await lock.acquire(k, 100, 0);
      await new Promise((r) => setTimeout(r, 150));
      expect((await lock.acquire(k, 5000, 0)).kind).toBe("acquired");
    });

    it("a stale token cannot release someone else's lease", async () => {
      const lock = make();
      const k = key();
      await lock.acquire(k, 100, 0);
      await new Promise((r) => setTimeout(r, 150));
      const second = await lock.acquire(k, 5000, 0);
      await lock.release(k, "not-the-token", { ok: true });
      expect(second.kind).toBe("acquired");
      expect(await lock.acquire(k, 5000, 100)).toEqual({ kind: "timeout" });
    });

    it("keys are independent", async () => {
      const lock = make();
      await lock.acquire("shared-a", 5000, 0);
      expect((await lock.acquire(`${name}-other-${crypto.randomUUID()}`, 5000, 0)).kind).toBe("acquired");
    });
  });
}
