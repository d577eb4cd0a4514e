/**
 * WebAssembly instances, pooled per kind (the image core, the AV1 module, jSquash's WebP encoder). A
 * linear memory only grows, so an instance that served a large image keeps that memory for as long
 * as it lives: one that grew past `keepBytes` is dropped after use and the next request
 * instantiates a fresh one from the compiled module (a few milliseconds), so the isolate returns to
 * its baseline after a big request. An instance that trapped is always dropped (its heap may be mid-update). Idle
 * instances are counted by the memory ledger (MemoryAccount) and dropped when a request waits for
 * their room.
 */
import type { MemoryAccount } from "../memory";
import { coreTrapped, instantiateCore, type ImageCore } from "./core";

/**
 * 16 MiB: what an emscripten codec (jSquash) starts with, so a codec that did not grow is kept,
 * and one that did (a large WebP or AVIF) is dropped.
 */
export const KEEP_INSTANCE_BYTES = 16 * 1024 * 1024;

export interface PoolOptions<T> {
  create(): Promise<T>;
  /** The instance's linear memory size now. */
  memoryBytes(instance: T): number;
  /** Idle instances whose memory is over this are dropped, not kept. */
  readonly keepBytes?: number;
  /** Idle instances kept at most. */
  readonly maxIdle?: number;
}

export class InstancePool<T> implements MemoryAccount {
  readonly #idle: T[] = [];
  readonly #create: () => Promise<T>;
  readonly #memoryBytes: (instance: T) => number;
  readonly #keepBytes: number;
  readonly #maxIdle: number;

  constructor(options: PoolOptions<T>) {
    this.#create = options.create;
    this.#memoryBytes = options.memoryBytes;
    this.#keepBytes = options.keepBytes ?? KEEP_INSTANCE_BYTES;
    this.#maxIdle = options.maxIdle ?? 1;
  }

  /**
   * An idle instance, or a new one. While in use, its memory is part of the request's reservation
   * (the pipeline's estimate counts every memory it touches), so it is no longer counted here.
   */
  async acquire(): Promise<T> {
    return this.#idle.pop() ?? (await this.#create());
  }

  /** Keeps the instance for the next request, unless it trapped, grew past `keepBytes`, or enough are idle. */
  release(instance: T, options: { readonly trapped?: boolean } = {}): void {
    if (options.trapped || this.#idle.length >= this.#maxIdle || this.#idle.includes(instance)) return;
    if (this.#memoryBytes(instance) > this.#keepBytes) return;
    this.#idle.push(instance);
  }

  /** Runs `work` on an instance; `trapped` says which errors leave it unusable (default: any). */
  async use<R>(work: (instance: T) => R | Promise<R>, trapped: (error: unknown) => boolean = () => true): Promise<R> {
    const instance = await this.acquire();
    let result: R;
    try {
      result = await work(instance);
    } catch (error) {
      this.release(instance, { trapped: trapped(error) });
      throw error;
    }
    this.release(instance);
    return result;
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  get heldBytes(): number {
    return this.#idle.reduce((sum, instance) => sum + this.#memoryBytes(instance), 0);
  }

  reclaim(): void {
    this.#idle.length = 0;
  }
}

const MIB = 1024 * 1024;

export interface SizedPoolOptions<T> {
  /** A new instance whose memory may grow to `size` bytes. */
  create(size: number): Promise<T>;
  /** The instance's memory maximum, fixed for its life: what `acquire` matches on. */
  maxBytes(instance: T): number;
  /** The instance's linear memory now (what the ledger counts while it is idle). */
  memoryBytes(instance: T): number;
  /** Frees what a request left in the instance before it is kept; throwing means it is not. */
  reset?(instance: T): void;
  readonly maxIdle: number;
  /** Instances larger than this are never kept, and what is kept idle stays within it. */
  readonly keepBytes: number;
}

/**
 * Instances whose memory maximum is fixed when they are made (the image core's, the AV1 module's:
 * both import a memory created with the request's reservation as its maximum). A request takes an
 * idle instance of exactly its size or makes one; what is kept idle is bounded as a whole, so the
 * isolate returns to within `keepBytes` of its baseline after any request.
 */
export class SizedPool<T> implements MemoryAccount {
  readonly #idle: T[] = [];

  constructor(private readonly options: SizedPoolOptions<T>) {}

  async acquire(size: number): Promise<T> {
    const index = this.#idle.findIndex((instance) => this.options.maxBytes(instance) === size);
    return index >= 0 ? (this.#idle.splice(index, 1)[0] as T) : this.options.create(size);
  }

  /** Keeps the instance for a later request, unless it trapped, its reset failed, or it is large. */
  release(instance: T, trapped = false): void {
    if (trapped || this.options.maxBytes(instance) > this.options.keepBytes || this.#idle.includes(instance)) return;
    try {
      this.options.reset?.(instance);
    } catch {
      return;
    }
    this.#idle.push(instance);
    // The oldest idle instances go first: the most recent sizes are the likeliest next.
    while (this.#idle.length > this.options.maxIdle || this.heldBytes > this.options.keepBytes) this.#idle.shift();
  }

  get idleCount(): number {
    return this.#idle.length;
  }

  get heldBytes(): number {
    return this.#idle.reduce((sum, instance) => sum + this.options.memoryBytes(instance), 0);
  }

  reclaim(): void {
    this.#idle.length = 0;
  }
}

/**
 * The image core's instances. Each gets its memory up front (core.ts), so an instance's size is fixed
 * for life: a request takes an idle instance of exactly its size class, or a new one. Size classes
 * step by 2^(1/4) from 4 MiB, so what a request is given is at most 19% over its estimate, and
 * requests of similar sizes share instances. Reuse matters for CPU as much as for memory: a fresh
 * memory costs a page fault on first touch of every page (measured here: 72 ms of CPU to touch 20 MB
 * of a new memory, where the thumbnail itself takes 20–40 ms). What is kept idle is bounded as a
 * whole (`keepBytes`, 16 MiB: two of the 4–8 MiB cores most thumbnails need), so that the isolate
 * returns to within that of its baseline after any request; larger cores are made per request.
 */
export class CorePool extends SizedPool<ImageCore> {
  constructor(module: WebAssembly.Module, options: { readonly maxIdle: number; readonly keepBytes: number } = { maxIdle: 2, keepBytes: 16 * MIB }) {
    super({
      ...options,
      create: (size) => instantiateCore(module, size),
      maxBytes: (core) => core.maxBytes,
      memoryBytes: (core) => core.maxBytes,
    });
  }

  /** The memory an instance for a need of `bytes` gets: the size class at or above it. */
  static sizeFor(bytes: number): number {
    let size = 4 * MIB;
    while (size < bytes) size *= Math.SQRT2 ** 0.5;
    return Math.ceil(size / 65536) * 65536;
  }

  /** Runs `work` on an instance of `bytes`' size class; one that trapped is dropped, not reused. */
  async use<R>(bytes: number, work: (core: ImageCore) => R | Promise<R>): Promise<R> {
    const core = await this.acquire(CorePool.sizeFor(bytes));
    let result: R;
    try {
      result = await work(core);
    } catch (error) {
      this.release(core, coreTrapped(error));
      throw error;
    }
    this.release(core);
    return result;
  }
}
