/** The optional METRICS binding (Workers Analytics Engine): one data point per request. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import kitten from "../fixtures/kitten.jpg?bytes";
import worker from "../../src/index";
import { PHASES } from "../../src/metrics";
import { seed, signedPath } from "./helpers";

/** Stands in for the dataset: keeps what the Worker writes. */
function dataset() {
  const points: AnalyticsEngineDataPoint[] = [];
  return { points, binding: { writeDataPoint: (point?: AnalyticsEngineDataPoint) => void points.push(point ?? {}) } };
}

async function fetchWith(metrics: ReturnType<typeof dataset>, path: string, init?: RequestInit, host = "metrics.example.com") {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://${host}${path}`, init), { ...env, METRICS: metrics.binding }, ctx);
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { response, body };
}

const phase = (point: AnalyticsEngineDataPoint, name: (typeof PHASES)[number]) => point.doubles?.[4 + PHASES.indexOf(name)];

describe("METRICS data points", () => {
  it("a generated thumbnail: outcome, formats, status, bytes and the time of each phase", async () => {
    await seed("metrics/kitten.jpg", kitten);
    const metrics = dataset();
    const { response, body } = await fetchWith(metrics, await signedPath("metrics/kitten.jpg", "40x40", "crop", ".webp"));
    expect(response.headers.get("X-Thumbnail")).toBe("generated");
    expect(metrics.points).toHaveLength(1);
    const [point] = metrics.points;
    expect(point!.indexes).toEqual(["generated"]);
    expect(point!.blobs).toEqual(["generated", "jpeg", "webp", "", "40x40/crop"]);
    const [status, totalMs, bytes, sourceBytes] = point!.doubles!;
    expect([status, bytes, sourceBytes]).toEqual([200, body.byteLength, kitten.byteLength]);
    expect(totalMs).toBeGreaterThanOrEqual(phase(point!, "encode")!);
    // workerd's clock advances in tests: the streaming pass takes measurable time.
    expect(phase(point!, "encode")).toBeGreaterThan(0);
  });

  it("served again: the outcome says from where, and no source was read", async () => {
    await seed("metrics/kitten.jpg", kitten);
    const path = await signedPath("metrics/kitten.jpg", "41x41", "crop", ".jpg");
    const metrics = dataset();
    await fetchWith(metrics, path);
    await fetchWith(metrics, path, undefined, "other.example.com");
    const outcomes = metrics.points.map((p) => p.blobs?.[0]);
    expect(outcomes[0]).toBe("generated");
    expect(outcomes[1]).toBe("stored");
    expect(metrics.points[1]!.blobs).toEqual(["stored", "", "jpeg", "", "41x41/crop"]);
    expect(metrics.points[1]!.doubles?.slice(3)).toEqual([0, ...PHASES.map(() => 0)]);
  });

  it("errors carry their code; HEAD and the health route get one point each too", async () => {
    const metrics = dataset();
    const bad = await fetchWith(metrics, await signedPath("metrics/kitten.jpg", "42x42", "crop", ".png", "not-the-secret"));
    expect(bad.response.status).toBe(403);
    await fetchWith(metrics, "/_health", { method: "HEAD" });
    await fetchWith(metrics, "/too/few");
    expect(metrics.points.map((p) => [p.blobs?.[0], p.blobs?.[2], p.blobs?.[3], p.doubles?.[0]])).toEqual([
      ["error", "png", "BAD_SIGNATURE", 403],
      ["other", "", "", 200],
      ["error", "", "BAD_URL", 400],
    ]);
  });

  it("without the binding nothing is written and nothing fails", async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request("https://metrics.example.com/_health"), env, ctx);
    expect(response.status).toBe(200);
  });
});
