/**
 * One Workers Analytics Engine data point per request, when the optional METRICS binding is set
 * (README "Metrics" has the layout and the SQL). The response says most of it (status, bytes, where
 * it came from); the flow adds what only it knows as it goes.
 */

/** Filled in by the request flow; every field is optional (a 404 knows none of them). */
export interface RequestMetrics {
  /** The URL's size and method, e.g. "100x100/crop". */
  spec?: string;
  /** Output format asked for by the URL's extension. */
  formatOut?: string;
  /** Source format, when this request read the source. */
  formatIn?: string;
  sourceBytes?: number;
  /** The pipeline's phases (Server-Timing), when this request generated the thumbnail. */
  timings?: ReadonlyArray<readonly [string, number]>;
  /** The error registry's code, when the request failed. */
  errorCode?: string;
}

/** The pipeline phases, each in its own double (ms), in this order. */
export const PHASES = ["decode", "orient", "crop", "resize", "flatten", "encode"] as const;

/**
 * blobs:   outcome (generated | stored | cached | error | other), format in, format out, error code,
 *          size/method
 * doubles: status, total ms, response bytes, source bytes, then PHASES in ms
 * index:   the outcome (Analytics Engine samples per index value)
 */
export function dataPoint(response: Response, m: Readonly<RequestMetrics>, totalMs: number): AnalyticsEngineDataPoint {
  const outcome = response.headers.get("X-Thumbnail") ?? (m.errorCode ? "error" : "other");
  const phases = new Map(m.timings);
  return {
    indexes: [outcome],
    blobs: [outcome, m.formatIn ?? "", m.formatOut ?? "", m.errorCode ?? "", m.spec ?? ""],
    doubles: [
      response.status,
      totalMs,
      Number(response.headers.get("Content-Length") ?? 0),
      m.sourceBytes ?? 0,
      ...PHASES.map((phase) => phases.get(phase) ?? 0),
    ],
  };
}
