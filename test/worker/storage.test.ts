import { env } from "cloudflare:workers";
import { MemorySourceStore, MemoryThumbnailStore } from "../../src/storage-memory";
import { R2SourceStore, R2ThumbnailStore } from "../../src/storage-r2";
import { storageContract } from "./storage.contract";

let run = 0;

storageContract("R2", () => {
  // A fresh prefix per test: R2 storage is shared by the tests of one file.
  const prefix = `run${++run}/`;
  return {
    sources: new R2SourceStore(env.SOURCES, prefix),
    putSource: async (key, bytes) => void (await env.SOURCES.put(prefix + key, bytes)),
    thumbs: new R2ThumbnailStore(env.THUMBS, prefix),
  };
});

storageContract("memory", () => {
  // Small odd chunks: prefixes and reads cross chunk boundaries.
  const sources = new MemorySourceStore(4099);
  return {
    sources,
    putSource: async (key, bytes) => void sources.objects.set(key, bytes.slice()),
    thumbs: new MemoryThumbnailStore(),
  };
});
