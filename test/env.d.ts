declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("../src/index");
    durableNamespaces: "ThumbnailLock";
  }
  interface Env {
    SOURCES: R2Bucket;
    THUMBS: R2Bucket;
    LOCKS: DurableObjectNamespace<import("../src/lock-do").ThumbnailLock>;
    THUMBS_SECRET: string;
  }
}
