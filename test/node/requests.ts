// What the pipeline tests on the Node side share: the default settings, fixtures by name, a parsed
// thumbnail request without a URL, and the ThumbnailError a refused request ends in.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parseConfig } from "../../src/config";
import { ThumbnailError } from "../../src/errors";
import { parseSize, type Method, type OutputFormat, type ThumbnailRequest } from "../../src/url";

export const config = parseConfig({ THUMBS_SECRET: "test" });

export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

export function request(size: string, method: Method, format: OutputFormat): ThumbnailRequest {
  const ext = format === "jpeg" ? ".jpg" : (`.${format}` as const);
  return { source: "s", size: parseSize(size, config.maxDimension), method, ext, format, signature: "0".repeat(32), key: `s/${size}/${method}/x${ext}` };
}

export async function refusal(promise: Promise<unknown>): Promise<ThumbnailError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ThumbnailError);
  return error as ThumbnailError;
}
