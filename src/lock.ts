import { DurableObject } from "cloudflare:workers";
export class ThumbnailLock extends DurableObject {}
