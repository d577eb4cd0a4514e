import { Hono } from "hono";
export { ThumbnailLock } from "./lock";

const app = new Hono();
app.get("/_health", (c) => c.json({ ok: true }));
export default app;
