/**
 * The queue consumer. Its queue carries R2 event notifications of the sources bucket (object-create,
 * object-delete) and the warm requests `_warm` sends. An upload or overwrite purges the source's
 * derivatives and makes its PRESETS; a delete purges; a warm makes the presets. Presets go through
 * the same lock and pipeline as a visitor's request, so a visitor asking at the same moment waits for
 * the consumer's result instead of making it again.
 *
 * Outcomes per message: done → ack; the source itself refused (undecodable, unsupported, too large,
 * gone) → logged once and acked, since a retry would fail the same way; a transient failure (memory
 * busy, lock timeout, an R2 or zone purge error) → retried with a growing delay, and after the
 * consumer's max_retries the queue moves it to the dead-letter queue. A message that is neither
 * kind is logged and acked.
 */
import type { Config, Preset } from "./config";
import { ThumbnailError, type ErrorCode } from "./errors";
import { infoDerivative } from "./info";
import { purgeSources } from "./purge";
import { signInfoV1, signV1 } from "./signature";
import { serveDerivative, thumbnailDerivative, type Derivative, type Services } from "./thumbnails";
import { encodeSourcePath, parseSource, type ThumbnailRequest } from "./url";

/** What `_warm` sends. */
export interface WarmMessage {
  readonly type: "thumbsmith.warm";
  readonly source: string;
}

/** The parts of an R2 event notification this reads. */
interface R2Event {
  readonly action: string;
  readonly object: { readonly key: string };
}

export type QueueEvent =
  | { readonly kind: "upload" | "delete" | "warm"; readonly source: string }
  | { readonly kind: "ignore"; readonly reason: string };

const UPLOAD_ACTIONS = new Set(["PutObject", "CopyObject", "CompleteMultipartUpload"]);
const DELETE_ACTIONS = new Set(["DeleteObject", "LifecycleDeletion"]);

/** Errors that mean the source itself cannot be made into anything: no preset of it will work. */
const SOURCE_REFUSED = new Set<ErrorCode>([
  "SOURCE_NOT_FOUND", "SOURCE_TOO_LARGE", "SOURCE_TOO_MANY_PIXELS", "SOURCE_EMPTY", "SOURCE_UNSUPPORTED", "SOURCE_UNDECODABLE",
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The source a bucket key is, or why it has no thumbnails (outside SOURCE_PREFIX, or a key no URL can name). */
function sourceOf(key: string, config: Readonly<Config>): { source: string } | { reason: string } {
  if (!key.startsWith(config.sourcePrefix)) return { reason: "outside SOURCE_PREFIX" };
  const source = key.slice(config.sourcePrefix.length);
  try {
    return { source: parseSource(encodeSourcePath(source).split("/")) };
  } catch {
    return { reason: "not a key thumbnail URLs can name" };
  }
}

export function parseQueueMessage(body: unknown, config: Readonly<Config>): QueueEvent {
  if (isObject(body) && body.type === "thumbsmith.warm" && typeof body.source === "string") {
    const found = sourceOf(config.sourcePrefix + body.source, config);
    return "source" in found ? { kind: "warm", source: found.source } : { kind: "ignore", reason: found.reason };
  }
  if (!isObject(body) || typeof body.action !== "string" || !isObject(body.object) || typeof body.object.key !== "string") {
    return { kind: "ignore", reason: "malformed: neither an R2 event notification nor a warm request" };
  }
  const event = body as unknown as R2Event;
  const kind = UPLOAD_ACTIONS.has(event.action) ? "upload" : DELETE_ACTIONS.has(event.action) ? "delete" : undefined;
  if (!kind) return { kind: "ignore", reason: `action ${JSON.stringify(event.action).slice(0, 64)}` };
  const found = sourceOf(event.object.key, config);
  return "source" in found ? { kind, source: found.source } : { kind: "ignore", reason: found.reason };
}

/** The derivatives PRESETS asks for, signed with the first key: the one clients sign visitors' URLs with. */
export async function presetDerivatives(source: string, config: Readonly<Config>): Promise<Derivative[]> {
  const secret = config.secrets[0] ?? "";
  const derivatives = await Promise.all(
    config.presets.map(async (preset: Preset) => {
      const signature = await signV1(secret, { source, size: preset.size.text, method: preset.method, ext: preset.ext });
      const t: ThumbnailRequest = { ...preset, source, signature, key: `${source}/${preset.size.text}/${preset.method}/${signature}${preset.ext}` };
      return thumbnailDerivative(t);
    }),
  );
  if (config.presetInfo) derivatives.push(infoDerivative(source, await signInfoV1(secret, source)));
  return derivatives;
}

export type WarmOutcome =
  | { readonly kind: "done"; readonly made: number; readonly stored: number; readonly refused: readonly string[] }
  | { readonly kind: "source-refused"; readonly code: ErrorCode; readonly message: string }
  | { readonly kind: "retry"; readonly error: ThumbnailError };

/** Makes a source's presets one after another (each reserves its memory like a request). */
export async function warmSource(source: string, s: Services): Promise<WarmOutcome> {
  let made = 0;
  let stored = 0;
  const refused: string[] = [];
  // A warm is asked for because the source exists: an isolate's memory of it missing is stale.
  s.negative.delete(source);
  for (const d of await presetDerivatives(source, s.config)) {
    try {
      // HEAD: reads only the stored object's metadata, and nothing goes to the edge cache.
      const request = new Request(`https://thumbsmith.internal/${encodeSourcePath(source)}/${d.rest}`, { method: "HEAD" });
      const response = await serveDerivative(request, d, s, { edgeCache: false });
      if (response.headers.get("X-Thumbnail") === "generated") made++;
      else stored++;
    } catch (caught) {
      const error = caught instanceof ThumbnailError ? caught : new ThumbnailError("INTERNAL", { internal: String(caught), cause: caught });
      if (SOURCE_REFUSED.has(error.code)) return { kind: "source-refused", code: error.code, message: error.message };
      if (error.status >= 500) return { kind: "retry", error };
      // This size of this source (OUTPUT_TOO_LARGE, OVER_MEMORY_LIMIT): the other presets may work.
      refused.push(`${d.rest}: ${error.code}`);
    }
  }
  return { kind: "done", made, stored, refused };
}

/** Seconds before a retried message comes back: 10, 20, 40 … up to 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, attempts - 1));
}

export async function handleQueue(batch: MessageBatch<unknown>, s: Services): Promise<void> {
  const events = batch.messages.map((message) => ({ message, event: parseQueueMessage(message.body, s.config) }));
  for (const { message, event } of events) {
    if (event.kind !== "ignore") continue;
    s.log({ level: "warn", event: "queue", outcome: "ignored", id: message.id, reason: event.reason });
    message.ack();
  }
  // One purge for the whole batch: one zone purge call per 100 sources, not one per message.
  const changed = events.filter(({ event }) => event.kind === "upload" || event.kind === "delete");
  let purgeFailed: ThumbnailError | undefined;
  if (changed.length > 0) {
    try {
      await purgeSources(changed.map(({ event }) => (event as { source: string }).source), s);
    } catch (caught) {
      purgeFailed = caught instanceof ThumbnailError ? caught : new ThumbnailError("INTERNAL", { internal: String(caught), cause: caught });
    }
  }
  for (const { message, event } of events) {
    if (event.kind === "ignore") continue;
    const log = { event: "queue", id: message.id, kind: event.kind, source: event.source.slice(0, 512), attempts: message.attempts };
    if (event.kind !== "warm" && purgeFailed) {
      const delaySeconds = retryDelay(message.attempts);
      s.log({ ...log, level: "warn", outcome: "retry", code: purgeFailed.code, message: purgeFailed.message, delaySeconds });
      message.retry({ delaySeconds });
      continue;
    }
    if (event.kind === "delete") {
      message.ack();
      continue;
    }
    const outcome = await warmSource(event.source, s);
    if (outcome.kind === "retry") {
      const delaySeconds = retryDelay(message.attempts);
      s.log({ ...log, level: "warn", outcome: "retry", code: outcome.error.code, message: outcome.error.message, delaySeconds });
      message.retry({ delaySeconds });
      continue;
    }
    if (outcome.kind === "source-refused") {
      s.log({ ...log, level: "warn", outcome: "source-refused", code: outcome.code, message: outcome.message });
    } else {
      s.log({ ...log, level: outcome.refused.length > 0 ? "warn" : "info", outcome: "done", made: outcome.made, stored: outcome.stored, refused: outcome.refused });
    }
    message.ack();
  }
}
