/**
 * The server side of the signature contract, inside workerd: every vector's URL path parses back to
 * its inputs and its signature verifies; anything changed does not.
 */
import { describe, expect, it } from "vitest";
import { thumbnailUrl } from "../../src/client";
import { verifySignature, type VerifyKeys } from "../../src/signature";
import { parseThumbnailPath } from "../../src/url";
import { valid, type ValidVector } from "../vectors/vectors";

const MAX = 4096;
const v1 = valid.filter((v) => !v.legacy);
const legacy = valid.filter((v) => v.legacy);
const named = (vectors: readonly ValidVector[]) => vectors.map((v) => [v.name, v] as const);

function verify(path: string, keys: VerifyKeys) {
  const request = parseThumbnailPath(path, MAX);
  return verifySignature({ ...request, size: request.size.text }, request.signature, keys);
}

describe("v1 vectors", () => {
  it.each(named(v1))("%s: path parses back to the signed inputs", (_, v) => {
    const request = parseThumbnailPath(v.path, MAX);
    expect(request).toMatchObject({ source: v.source, size: { text: v.size }, method: v.method, ext: v.ext, signature: v.signature });
  });

  it.each(named(v1))("%s: verifies", async (_, v) => {
    expect(await verify(v.path, { secrets: [v.secret] })).toBe("v1");
  });

  it.each(named(v1))("%s: verifies as any key of a rotation", async (_, v) => {
    expect(await verify(v.path, { secrets: `old,${v.secret},new`.split(",") })).toBe("v1");
  });

  it.each(named(v1))("%s: fails with another key", async (_, v) => {
    expect(await verify(v.path, { secrets: [`${v.secret}x`, "k3"], legacySecret: v.secret })).toBeNull();
  });
});

describe("key rotation (THUMBS_SECRET = k1,k2)", () => {
  const keys = { secrets: "k1,k2".split(",") };
  it.each(["k1", "k2"])("accepts the vector signed with %s", async (key) => {
    const v = valid.find((x) => x.secret === key && !x.legacy)!;
    expect(await verify(v.path, keys)).toBe("v1");
  });
  it("rejects both once the keys are gone", async () => {
    for (const v of valid.filter((x) => x.secret.startsWith("k") && x.secret.length === 2)) {
      expect(await verify(v.path, { secrets: ["k3"] })).toBeNull();
    }
  });
});

describe("legacy vectors", () => {
  it.each(named(legacy))("%s: verifies with LEGACY_SECRET_KEY", async (_, v) => {
    expect(await verify(v.path, { secrets: ["unrelated"], legacySecret: v.secret })).toBe("legacy");
  });

  it.each(named(legacy))("%s: fails without LEGACY_SECRET_KEY or with another", async (_, v) => {
    expect(await verify(v.path, { secrets: [v.secret] })).toBeNull();
    expect(await verify(v.path, { secrets: [], legacySecret: `${v.secret}x` })).toBeNull();
  });
});

describe("tampering", () => {
  const basic = valid.find((v) => v.name === "basic")!;
  const keys = { secrets: [basic.secret] };
  const replace = (from: string, to: string) => basic.path.replace(from, to);

  it.each([
    ["size", replace("/100x100/", "/100x101/")],
    ["size written differently", replace("/100x100/", "/0100x100/")],
    ["method", replace("/crop/", "/scale/")],
    ["extension of the same format", basic.path.replace(/\.jpg$/, ".jpeg")],
    ["source", replace("kitten.jpg", "kitten.png")],
    ["signature digit", basic.path.replace(basic.signature, `${basic.signature.slice(0, -1)}${basic.signature.endsWith("0") ? "1" : "0"}`)],
  ])("rejects a changed %s", async (_, path) => {
    expect(path).not.toBe(basic.path);
    expect(await verify(path, keys)).toBeNull();
  });

  it.each([
    ["uppercase", basic.signature.toUpperCase()],
    ["truncated", basic.signature.slice(0, 31)],
    ["extended", `${basic.signature}0`],
    ["full-length SHA-256", basic.signature.repeat(2)],
    ["non-hex", `${basic.signature.slice(0, 31)}g`],
  ])("rejects a %s signature before verifying", (_, signature) => {
    expect(() => parseThumbnailPath(basic.path.replace(basic.signature, signature), MAX)).toThrow(
      expect.objectContaining({ code: "BAD_SIGNATURE" }),
    );
  });

  it("does not take a legacy signature as v1 or a v1 signature as legacy", async () => {
    const old = legacy[0]!;
    expect(await verify(old.path, { secrets: [old.secret] })).toBeNull();
    expect(await verify(basic.path, { secrets: [], legacySecret: basic.secret })).toBeNull();
  });
});

describe("the JS client in workerd", () => {
  it.each(named(valid))("%s", async (_, v) => {
    const url = await thumbnailUrl(v.source, v.size, v.method as never, v.ext as never, {
      secret: v.secret,
      baseUrl: v.baseUrl,
      legacy: v.legacy,
    });
    expect(url).toBe(v.url);
  });
});
