// End-to-end throughput through `wrangler dev` (started by burst.mjs): cold thumbnails per second
// (each URL generated once) and hot requests per second (stored/cached).
import { thumbnailUrl } from "../../dist/client.js";

async function timed(urls, concurrency) {
  let next = 0;
  const start = performance.now();
  const statuses = new Map();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const response = await fetch(urls[next++]);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, statuses: Object.fromEntries(statuses) };
}

export async function e2eThroughput(base, secret) {
  const cold = [];
  for (let i = 0; i < 40; i++) cold.push(await thumbnailUrl("pil_tests/1.jpg", `${200 + i}x${200 + i}`, "crop", ".jpg", { secret, baseUrl: base }));
  const c = await timed(cold, 4);
  const hot = Array.from({ length: 400 }, (_, i) => cold[i % cold.length]);
  const h = await timed(hot, 8);
  console.log(
    `\nwrangler dev, pil_tests/1.jpg (2048x1536) → crop JPEG: cold ${(cold.length / c.seconds).toFixed(1)} thumbnails/s ${JSON.stringify(c.statuses)}, ` +
      `hot ${(hot.length / h.seconds).toFixed(0)} requests/s ${JSON.stringify(h.statuses)}`,
  );
}
