/**
 * Signing and verification of thumbnail URLs. WebCrypto only, so the same module runs in Workers,
 * browsers and Node ≥ 20 (the JS client builds on it).
 */
import type { Extension, Method } from "./url";

export interface SignedParts {
  readonly source: string;
  /** Exactly as written in the URL. */
  readonly size: string;
  readonly method: Method | string;
  readonly ext: Extension | string;
}

const encoder = new TextEncoder();

export function v1Message(p: SignedParts): string {
  return `${p.source}/${p.size}/${p.method}${p.ext}`;
}

/** django-rest-thumbnails joined the four with '-' (ext with its dot). */
export function legacyMessage(p: SignedParts): string {
  return `${p.source}-${p.size}-${p.method}-${p.ext}`;
}

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

type Usage = "sign" | "verify";

function hmacKey(raw: BufferSource, hash: "SHA-256" | "SHA-1", usages: Usage[]): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash }, false, usages);
}

export const V1_SIGNATURE_BYTES = 16;
/** HMAC-SHA1, whole. */
export const LEGACY_SIGNATURE_BYTES = 20;

/** Lowercase hex of the first 16 bytes of HMAC-SHA256(secret, v1Message). */
export async function signV1(secret: string, parts: SignedParts): Promise<string> {
  const key = await hmacKey(encoder.encode(secret), "SHA-256", ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(v1Message(parts)));
  return hex(mac.slice(0, V1_SIGNATURE_BYTES));
}

/** Django's salted_hmac(salt=source, value=legacyMessage, secret): HMAC-SHA1 keyed with SHA1(salt + secret). */
async function legacyKey(secret: string, source: string, usages: Usage[]): Promise<CryptoKey> {
  const derived = await crypto.subtle.digest("SHA-1", encoder.encode(source + secret));
  return hmacKey(derived, "SHA-1", usages);
}

export async function signLegacy(secret: string, parts: SignedParts): Promise<string> {
  const key = await legacyKey(secret, parts.source, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(legacyMessage(parts))));
}

export interface VerifyKeys {
  /** v1 keys; every one verifies (rotation). */
  readonly secrets: readonly string[];
  readonly legacySecret?: string | undefined;
}

/**
 * A truncated MAC cannot go to crypto.subtle.verify as is, so the comparison is a double HMAC under
 * a random per-isolate key: verify(k, HMAC(k, expected), given) holds only when given == expected,
 * and it runs in constant time, unlike a string compare.
 */
let compareKey: Promise<CryptoKey> | undefined;
function getCompareKey(): Promise<CryptoKey> {
  compareKey ??= crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) as Promise<CryptoKey>;
  return compareKey;
}

async function constantTimeEqual(expected: ArrayBuffer, given: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = await getCompareKey();
  const tag = await crypto.subtle.sign("HMAC", key, expected);
  return crypto.subtle.verify("HMAC", key, tag, given);
}

/**
 * Whether `given` equals `expected` (an admin token), in time independent of where they differ:
 * verify(k, HMAC(k, expected), given) recomputes HMAC(k, given) and compares the two MACs.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const key = await getCompareKey();
  const tag = await crypto.subtle.sign("HMAC", key, encoder.encode(expected));
  return crypto.subtle.verify("HMAC", key, tag, encoder.encode(given));
}

/**
 * The answer to a well-formed signature that verified under no key: 401 for a legacy one when legacy
 * signatures are accepted (as django-rest-thumbnails answered), 403 otherwise.
 */
export function mismatchCode(signature: string, keys: VerifyKeys): "BAD_SIGNATURE" | "BAD_LEGACY_SIGNATURE" {
  return signature.length === 2 * LEGACY_SIGNATURE_BYTES && keys.legacySecret ? "BAD_LEGACY_SIGNATURE" : "BAD_SIGNATURE";
}

/** The server verifies with the same few keys on every request: imported once per isolate. */
const verifyKeys = new Map<string, Promise<CryptoKey>>();
function v1VerifyKey(secret: string): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = hmacKey(encoder.encode(secret), "SHA-256", ["sign"]);
    verifyKeys.set(secret, key);
  }
  return key;
}

/** Checks a signature over a v1 message and (with a legacy key) a legacy one salted with `source`. */
async function verifyMessages(
  v1: string,
  legacy: string,
  source: string,
  signature: string,
  keys: VerifyKeys,
): Promise<"v1" | "legacy" | null> {
  const given = fromHex(signature);
  if (given.byteLength === V1_SIGNATURE_BYTES) {
    const message = encoder.encode(v1);
    for (const secret of keys.secrets) {
      const key = await v1VerifyKey(secret);
      const mac = await crypto.subtle.sign("HMAC", key, message);
      if (await constantTimeEqual(mac.slice(0, V1_SIGNATURE_BYTES), given)) return "v1";
    }
    return null;
  }
  if (given.byteLength === LEGACY_SIGNATURE_BYTES && keys.legacySecret) {
    const key = await legacyKey(keys.legacySecret, source, ["verify"]);
    if (await crypto.subtle.verify("HMAC", key, given, encoder.encode(legacy))) return "legacy";
  }
  return null;
}

/** Returns which scheme matched, or null. `signature` is lowercase hex (already shape-checked). */
export function verifySignature(parts: SignedParts, signature: string, keys: VerifyKeys): Promise<"v1" | "legacy" | null> {
  return verifyMessages(v1Message(parts), legacyMessage(parts), parts.source, signature, keys);
}

/** What an info document's URL signs, in both schemes (legacy: salted with the source, as a thumbnail). */
export function infoMessage(source: string): string {
  return `${source}/info.json`;
}

async function signInfoWith(secret: string, source: string, legacy: boolean): Promise<string> {
  if (legacy) {
    const key = await legacyKey(secret, source, ["sign"]);
    return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(infoMessage(source))));
  }
  const key = await hmacKey(encoder.encode(secret), "SHA-256", ["sign"]);
  return hex((await crypto.subtle.sign("HMAC", key, encoder.encode(infoMessage(source)))).slice(0, V1_SIGNATURE_BYTES));
}

export const signInfoV1 = (secret: string, source: string) => signInfoWith(secret, source, false);
export const signInfoLegacy = (secret: string, source: string) => signInfoWith(secret, source, true);

export function verifyInfoSignature(source: string, signature: string, keys: VerifyKeys): Promise<"v1" | "legacy" | null> {
  return verifyMessages(infoMessage(source), infoMessage(source), source, signature, keys);
}
