import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import { MemoryLockService } from "../../src/lock";
import { DurableObjectLockService, type ThumbnailLock } from "../../src/lock-do";
import { lockContract } from "./lock.contract";

lockContract("Durable Object", () => new DurableObjectLockService(env.LOCKS));
lockContract("memory", () => new MemoryLockService());

it("the lease is persisted with an alarm at its expiry, and the alarm clears a dead holder's lease", async () => {
  const stub = env.LOCKS.get(env.LOCKS.idFromName("persisted"));
  expect((await stub.acquire(200, 0)).kind).toBe("acquired");
  await runInDurableObject(stub, async (instance: ThumbnailLock, state) => {
    const lease = await state.storage.get<{ expires: number }>("lease");
    expect(lease?.expires).toBeGreaterThan(Date.now());
    expect(await state.storage.getAlarm()).toBe(lease?.expires);
    expect(instance.leaseExpires()).toBe(lease?.expires);
  });
  await new Promise((r) => setTimeout(r, 400));
  // The alarm has usually fired by itself by now; run it in case it has not. Either way no
  // request came, and the lease must be gone.
  await runDurableObjectAlarm(stub);
  await runInDurableObject(stub, async (instance: ThumbnailLock, state) => {
    expect(await state.storage.get("lease")).toBeUndefined();
    expect(instance.leaseExpires()).toBeNull();
  });
});

it("release deletes the persisted lease and its alarm", async () => {
  const stub = env.LOCKS.get(env.LOCKS.idFromName("released"));
  const result = await stub.acquire(5000, 0);
  if (result.kind !== "acquired") throw new Error("expected to acquire");
  await stub.release(result.token, { ok: true });
  await runInDurableObject(stub, async (_instance: ThumbnailLock, state) => {
    expect(await state.storage.get("lease")).toBeUndefined();
    expect(await state.storage.getAlarm()).toBeNull();
  });
});
