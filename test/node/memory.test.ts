import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThumbnailError } from "../../src/errors";
import { MemoryLedger, type Reservation } from "../../src/memory";
import { InstancePool } from "../../src/pipeline/pool";

const MB = 1024 * 1024;
const wait = { timeoutMs: 10_000 };

/** Resolves to the order in which reservations were granted. */
function track(order: string[], name: string, promise: Promise<Reservation>): Promise<Reservation> {
  return promise.then((r) => {
    order.push(name);
    return r;
  });
}

async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

async function rejection(promise: Promise<unknown>): Promise<ThumbnailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ThumbnailError)) throw new Error(`expected a ThumbnailError, got ${String(error)}`);
  return error;
}

describe("MemoryLedger admission", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("admits at once what fits, and counts it", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const a = await ledger.reserve(40 * MB, wait);
    const b = await ledger.reserve(60 * MB, wait);
    expect([a.bytes, b.bytes, ledger.inUse]).toEqual([40 * MB, 60 * MB, 100 * MB]);
    expect(ledger.snapshot()).toEqual({ capacity: 100 * MB, reserved: 100 * MB, buffers: 0, wasm: 0, waiting: 0, inUse: 100 * MB });
    a.release();
    b.release();
    expect(ledger.inUse).toBe(0);
  });

  it("a release wakes the next waiter, in arrival order; a big head is not overtaken by small ones", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const first = await ledger.reserve(60 * MB, wait);
    const order: string[] = [];
    const big = track(order, "big", ledger.reserve(50 * MB, wait));
    const small1 = track(order, "small1", ledger.reserve(10 * MB, wait));
    const small2 = track(order, "small2", ledger.reserve(10 * MB, wait));
    await settled();
    // 10 MB would fit beside the first 60 MB, but the 50 MB request came first.
    expect(order).toEqual([]);
    expect(ledger.snapshot().waiting).toBe(3);
    first.release();
    await settled();
    expect(order).toEqual(["big", "small1", "small2"]);
    expect(ledger.inUse).toBe(70 * MB);
    for (const r of await Promise.all([big, small1, small2])) r.release();
    expect(ledger.inUse).toBe(0);
  });

  it("a waiter that is still waiting at its deadline gets 503 BUSY, and the next one moves up", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const held = await ledger.reserve(60 * MB, wait);
    const late = rejection(ledger.reserve(50 * MB, { timeoutMs: 1000 }));
    const order: string[] = [];
    const next = track(order, "next", ledger.reserve(30 * MB, { timeoutMs: 5000 }));
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const error = await late;
    expect([error.code, error.status]).toEqual(["BUSY", 503]);
    expect(error.message).toMatch(/waited 1000 ms for 50 MB/);
    // With the 50 MB head gone, 30 MB fits beside the 60 MB held.
    await settled();
    expect(order).toEqual(["next"]);
    expect(ledger.snapshot()).toMatchObject({ reserved: 90 * MB, waiting: 0 });
    (await next).release();
    held.release();
  });

  it("refuses at once, with 413 OVER_MEMORY_LIMIT naming the need and the limit, what one request may not hold", async () => {
    const ledger = new MemoryLedger(96 * MB, 64 * MB);
    const error = await rejection(ledger.reserve(70 * MB, { ...wait, what: "source: 6000x4000 jpeg for 2400x/scale.jpg" }));
    expect([error.code, error.status]).toEqual(["OVER_MEMORY_LIMIT", 413]);
    expect(error.publicMessage).toBe(
      "source: 6000x4000 jpeg for 2400x/scale.jpg: needs ~70 MB of memory; expected at most 64 MB (REQUEST_MEMORY_MB)",
    );
    expect(ledger.snapshot()).toMatchObject({ reserved: 0, waiting: 0 });
    // Exactly the limit is fine.
    (await ledger.reserve(64 * MB, wait)).release();
  });

  it("release is idempotent", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const a = await ledger.reserve(30 * MB, wait);
    const b = await ledger.reserve(20 * MB, wait);
    a.release();
    a.release();
    expect(ledger.inUse).toBe(20 * MB);
    b.release();
    expect(ledger.inUse).toBe(0);
  });

  it("resize: shrinking frees room for waiters at once; growing queues and obeys the request limit", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const a = await ledger.reserve(64 * MB, wait);
    const order: string[] = [];
    const b = track(order, "b", ledger.reserve(50 * MB, wait));
    await settled();
    expect(order).toEqual([]);
    await a.resize(40 * MB, wait);
    await settled();
    expect(order).toEqual(["b"]);
    expect(ledger.inUse).toBe(90 * MB);
    const over = await rejection(a.resize(65 * MB, wait));
    expect(over.code).toBe("OVER_MEMORY_LIMIT");
    expect(a.bytes).toBe(40 * MB);
    const grown = a.resize(60 * MB, wait);
    await settled();
    expect(a.bytes).toBe(40 * MB);
    (await b).release();
    await grown;
    expect([a.bytes, ledger.inUse]).toEqual([60 * MB, 60 * MB]);
    a.release();
    expect(ledger.inUse).toBe(0);
  });

  it("a reservation released while it waits to grow gives the growth back when it is admitted", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const a = await ledger.reserve(20 * MB, wait);
    const blocker = await ledger.reserve(60 * MB, wait);
    const growing = a.resize(50 * MB, wait);
    await settled();
    a.release();
    expect(ledger.inUse).toBe(60 * MB);
    blocker.release();
    await growing;
    expect([a.bytes, ledger.inUse]).toEqual([0, 0]);
  });

  it("held buffers count without waiting, and their release wakes waiters", async () => {
    const ledger = new MemoryLedger(100 * MB, 64 * MB);
    const hold = ledger.hold(50 * MB);
    const big = await ledger.reserve(40 * MB, wait);
    const order: string[] = [];
    const next = track(order, "next", ledger.reserve(20 * MB, wait));
    await settled();
    expect(ledger.snapshot()).toMatchObject({ reserved: 40 * MB, buffers: 50 * MB, waiting: 1 });
    hold.release();
    hold.release();
    await settled();
    expect(order).toEqual(["next"]);
    (await next).release();
    big.release();
    expect(ledger.inUse).toBe(0);
  });

  it("a request limit over the capacity is refused", () => {
    expect(() => new MemoryLedger(64 * MB, 96 * MB)).toThrow(RangeError);
    expect(() => new MemoryLedger(64 * MB, 0)).toThrow(RangeError);
  });
});

/** A stand-in for a WebAssembly instance: its memory grows when it works on something large. */
class FakeInstance {
  static made = 0;
  readonly id = ++FakeInstance.made;
  constructor(public memory: number) {}
}

function fakePool(options: { keepBytes?: number; maxIdle?: number } = {}) {
  return new InstancePool<FakeInstance>({
    create: async () => new FakeInstance(16 * MB),
    memoryBytes: (instance) => instance.memory,
    ...options,
  });
}

describe("InstancePool", () => {
  it("reuses an instance that stayed within keepBytes", async () => {
    const pool = fakePool();
    const a = await pool.acquire();
    pool.release(a);
    expect([pool.idleCount, pool.heldBytes]).toEqual([1, 16 * MB]);
    const again = await pool.acquire();
    expect(again).toBe(a);
    // In use, it is the request's: no longer counted as idle.
    expect([pool.idleCount, pool.heldBytes]).toEqual([0, 0]);
  });

  it("drops an instance whose memory grew past keepBytes; the next use gets a fresh one", async () => {
    const pool = fakePool();
    const a = await pool.acquire();
    a.memory = 48 * MB;
    pool.release(a);
    expect([pool.idleCount, pool.heldBytes]).toEqual([0, 0]);
    const b = await pool.acquire();
    expect(b).not.toBe(a);
    expect(b.memory).toBe(16 * MB);
  });

  it("drops a trapped instance whatever its size", async () => {
    const pool = fakePool();
    const a = await pool.acquire();
    pool.release(a, { trapped: true });
    expect(pool.idleCount).toBe(0);
    await expect(
      pool.use((instance) => {
        expect(instance).not.toBe(a);
        throw new WebAssembly.RuntimeError("unreachable");
      }),
    ).rejects.toThrow("unreachable");
    expect(pool.idleCount).toBe(0);
  });

  it("use: keeps the instance after errors that `trapped` says leave it usable", async () => {
    const pool = fakePool();
    const notATrap = () => false;
    await expect(
      pool.use(() => {
        throw new Error("bad input");
      }, notATrap),
    ).rejects.toThrow("bad input");
    expect(pool.idleCount).toBe(1);
    expect(await pool.use((instance) => instance.memory)).toBe(16 * MB);
  });

  it("keeps at most maxIdle idle instances", async () => {
    const pool = fakePool({ maxIdle: 2 });
    const instances = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    for (const instance of instances) pool.release(instance);
    expect([pool.idleCount, pool.heldBytes]).toEqual([2, 32 * MB]);
  });

  it("the ledger counts idle instances and reclaims them for a waiting request", async () => {
    const ledger = new MemoryLedger(64 * MB, 64 * MB);
    const pool = fakePool({ maxIdle: 2 });
    ledger.attach(pool);
    const a = await pool.acquire();
    const b = await pool.acquire();
    pool.release(a);
    pool.release(b);
    expect(ledger.snapshot()).toMatchObject({ wasm: 32 * MB, inUse: 32 * MB });
    const small = await ledger.reserve(16 * MB, wait);
    // Fits beside the idle instances: they are kept.
    expect(pool.idleCount).toBe(2);
    const big = await ledger.reserve(40 * MB, wait);
    // Did not fit: the idle instances were dropped to make room.
    expect(pool.idleCount).toBe(0);
    expect(ledger.snapshot()).toMatchObject({ reserved: 56 * MB, wasm: 0 });
    small.release();
    big.release();
    expect(ledger.inUse).toBe(0);
  });
});
