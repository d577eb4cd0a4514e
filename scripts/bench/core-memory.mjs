// Checks the memory model (src/pipeline/budget.ts) against the core: for each case, the smallest
// memory maximum the image core needs to make the thumbnail (found by bisection over fresh instances,
// as the Worker gives each request its own) beside what the model reserves. The model must never be
// below what is needed (the request would fail) and should not be far above (admission would wait).
// `node scripts/bench/core-memory.mjs [FILE SIZE METHOD EXT]...`; with no arguments, the cases below.
import { readFileSync } from "node:fs";
import { loadPipeline } from "./load.mjs";

const P = await loadPipeline();
const config = P.parseConfig({ THUMBS_SECRET: "bench", MAX_SOURCE_PIXELS: "100000000", MAX_SOURCE_BYTES: String(100 * 2 ** 20) });
const PAGE = 65536;
const mb = (b) => (b / 2 ** 20).toFixed(1);

async function works(request, bytes, maxBytes) {
  const core = await P.reservedCore(maxBytes);
  try {
    const prepared = P.prepareThumbnail(request, config, bytes, 2 ** 31);
    await P.generateThumbnail(request, config, core, bytes, undefined, prepared);
    return true;
  } catch (e) {
    if (e.code === "SOURCE_UNDECODABLE" && /reservation/.test(e.message)) return false;
    if (e instanceof WebAssembly.RuntimeError) return false;
    throw e;
  }
}

export async function measure(file, size, method, ext) {
  const bytes = new Uint8Array(readFileSync(file));
  const request = P.parseThumbnailPath(`x/${size}/${method}/${"0".repeat(32)}.${ext}`, 65535);
  const { cost } = P.prepareThumbnail(request, config, bytes, 2 ** 31);
  let lo = 16;
  let hi = Math.ceil(cost.coreBytes / PAGE) * 2 + 64;
  while (!(await works(request, bytes, hi * PAGE))) hi *= 2;
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (await works(request, bytes, mid * PAGE)) hi = mid;
    else lo = mid;
  }
  return { needed: hi * PAGE, model: cost.coreBytes, denom: cost.denom, other: cost.otherBytes };
}

const args = process.argv.slice(2);
if (args.length >= 4) {
  for (let i = 0; i + 3 < args.length; i += 4) {
    const [file, size, method, ext] = args.slice(i, i + 4);
    const r = await measure(file, size, method, ext);
    console.log(`${file.split("/").pop()} ${size}/${method}.${ext}: needs ${mb(r.needed)} MB, model ${mb(r.model)} MB (${(r.model / r.needed).toFixed(2)}×), 1/${r.denom}, other ${mb(r.other)} MB`);
  }
}
