/**
 * The Worker's bindings and settings. `Cloudflare.Env` is what `npm run cf-typegen` (`wrangler
 * types`) generates from wrangler.toml into worker-configuration.d.ts; CI fails when it is stale.
 * Settings left at their default (not in [vars]) and LEGACY_SECRET_KEY are read by config.ts from
 * the untyped env; METRICS is optional: set only where the dataset is configured (README "Metrics").
 */
export type Env = Cloudflare.Env & { readonly METRICS?: AnalyticsEngineDataset };
