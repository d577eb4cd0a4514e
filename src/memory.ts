/**
 * One memory ledger per isolate. An isolate has one memory limit for every request in it, and past
 * it the runtime kills every request in flight, not only the one that allocated. So a request
 * reserves its peak (the WebAssembly memory its pipeline will use and the buffers it will hold)
 * before it reads pixels, and waits, in arrival order, until that fits beside what the others hold.
 * Codec instances kept idle for reuse are counted too, and are dropped when a waiting request needs
 * their room. Free of Workers globals (tested in Node).
 */
import { ThumbnailError } from "./errors";

const MB = 1024 * 1024;

/** Memory held outside any reservation (idle WebAssembly instances), which can be given back. */
export interface MemoryAccount {
  readonly heldBytes: number;
  /** Drops what can be dropped (idle instances). */
  reclaim(): void;
}

export interface ReserveOptions {
  /** Milliseconds to wait for room before failing with 503 BUSY. */
  readonly timeoutMs: number;
  /** Names what needs the memory in the 413 message, e.g. "source: 6000x4000 jpeg at 2400x/scale". */
  readonly what?: string;
}

export interface Reservation {
  readonly bytes: number;
  /**
   * Grows or shrinks to `bytes`. Shrinking is immediate and wakes waiters; growing queues behind
   * the requests already waiting, with the same limits and errors as `reserve`.
   */
  resize(bytes: number, options: ReserveOptions): Promise<void>;
  /** Gives the bytes back; later calls do nothing. */
  release(): void;
}

/** Buffers counted without admission (small, held briefly): see `MemoryLedger.hold`. */
export interface Hold {
  release(): void;
}

export interface LedgerSnapshot {
  readonly capacity: number;
  /** Bytes of admitted reservations. */
  readonly reserved: number;
  /** Bytes of buffers held outside reservations (`hold`). */
  readonly buffers: number;
  /** Bytes of idle WebAssembly instances (attached accounts). */
  readonly wasm: number;
  /** Requests waiting for room. */
  readonly waiting: number;
  readonly inUse: number;
}

interface Waiter {
  readonly bytes: number;
  readonly admit: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const mb = (bytes: number) => Math.ceil(bytes / MB);

export class MemoryLedger {
  #reserved = 0;
  #buffers = 0;
  readonly #accounts: MemoryAccount[] = [];
  readonly #queue: Waiter[] = [];

  /** `requestLimit` (one reservation's ceiling) must not exceed `capacity` (the isolate's). */
  constructor(
    readonly capacity: number,
    readonly requestLimit: number,
  ) {
    if (!(requestLimit > 0 && requestLimit <= capacity)) {
      throw new RangeError(`memory ledger: expected 0 < request limit (${requestLimit}) <= capacity (${capacity})`);
    }
  }

  attach(account: MemoryAccount): void {
    this.#accounts.push(account);
  }

  get wasm(): number {
    return this.#accounts.reduce((sum, account) => sum + account.heldBytes, 0);
  }

  get inUse(): number {
    return this.#reserved + this.#buffers + this.wasm;
  }

  snapshot(): LedgerSnapshot {
    const wasm = this.wasm;
    return {
      capacity: this.capacity,
      reserved: this.#reserved,
      buffers: this.#buffers,
      wasm,
      waiting: this.#queue.length,
      inUse: this.#reserved + this.#buffers + wasm,
    };
  }

  /**
   * Waits in arrival order until `bytes` fit, then holds them until `release`. Over the request
   * limit: 413 OVER_MEMORY_LIMIT at once; still waiting after `timeoutMs`: 503 BUSY.
   */
  async reserve(bytes: number, options: ReserveOptions): Promise<Reservation> {
    let held = 0;
    let released = false;
    const reservation: Reservation = {
      get bytes() {
        return held;
      },
      resize: async (next, resizeOptions) => {
        checkBytes(next);
        if (released) throw new Error("memory ledger: resize after release");
        if (next <= held) {
          this.#reserved -= held - next;
          held = next;
          this.#pump();
          return;
        }
        const growth = next - held;
        await this.#admit(growth, next, resizeOptions, () => {
          // Released while waiting to grow: the growth goes straight back.
          if (released) this.#reserved -= growth;
          else held += growth;
        });
      },
      release: () => {
        if (released) return;
        released = true;
        this.#reserved -= held;
        held = 0;
        this.#pump();
      },
    };
    await this.#admit(bytes, bytes, options, () => {
      held = bytes;
    });
    return reservation;
  }

  /**
   * Counts a buffer at once, without waiting: for small buffers a request needs before it can
   * know its peak (the bytes it probes the header from).
   */
  hold(bytes: number): Hold {
    checkBytes(bytes);
    this.#buffers += bytes;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#buffers -= bytes;
        this.#pump();
      },
    };
  }

  #admit(bytes: number, total: number, options: ReserveOptions, granted: () => void): Promise<void> {
    checkBytes(bytes);
    if (total > this.requestLimit) {
      return Promise.reject(
        new ThumbnailError("OVER_MEMORY_LIMIT", {
          detail: `${options.what ?? "request"}: needs ~${mb(total)} MB of memory; expected at most ${mb(this.requestLimit)} MB (REQUEST_MEMORY_MB)`,
        }),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        admit: () => {
          clearTimeout(waiter.timer);
          granted();
          resolve();
        },
        timer: setTimeout(() => {
          const index = this.#queue.indexOf(waiter);
          if (index < 0) return;
          this.#queue.splice(index, 1);
          reject(
            new ThumbnailError("BUSY", {
              internal: `memory: waited ${options.timeoutMs} ms for ${mb(bytes)} MB; ${JSON.stringify(this.snapshot())}`,
            }),
          );
          // The head may have been what held the others back.
          this.#pump();
        }, options.timeoutMs),
      };
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /** Admits from the head while it fits; a head that does not fit holds back everyone behind it. */
  #pump(): void {
    for (let head = this.#queue[0]; head; head = this.#queue[0]) {
      if (this.inUse + head.bytes > this.capacity) {
        for (const account of this.#accounts) account.reclaim();
        if (this.inUse + head.bytes > this.capacity) return;
      }
      this.#queue.shift();
      this.#reserved += head.bytes;
      head.admit();
    }
  }
}

function checkBytes(bytes: number): void {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`memory ledger: expected a byte count, got ${bytes}`);
}
