import { StreamedSourceBody, tooLarge, type SourceBody, type SourceStore, type StoredThumbnail, type ThumbnailMeta, type ThumbnailStore } from "./storage";

export class R2SourceStore implements SourceStore {
  constructor(
    private readonly bucket: R2Bucket,
    private readonly prefix: string,
  ) {}

  async open(key: string, maxBytes: number): Promise<SourceBody | null> {
    const object = await this.bucket.get(this.prefix + key);
    if (!object) return null;
    if (object.size > maxBytes) {
      await object.body.cancel();
      throw tooLarge(object.size, maxBytes);
    }
    return new StreamedSourceBody(object.body, object.size, object.httpEtag);
  }
}

export class R2ThumbnailStore implements ThumbnailStore {
  constructor(
    private readonly bucket: R2Bucket,
    private readonly prefix: string,
  ) {}

  async get(key: string, options: { metadataOnly?: boolean } = {}): Promise<StoredThumbnail | null> {
    const object = options.metadataOnly ? await this.bucket.head(this.prefix + key) : await this.bucket.get(this.prefix + key);
    if (!object) return null;
    return {
      body: "body" in object ? (object as R2ObjectBody).body : null,
      size: object.size,
      etag: object.httpEtag,
      contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
      cacheControl: object.httpMetadata?.cacheControl ?? "",
      sourceEtag: object.customMetadata?.sourceEtag ?? "",
    };
  }

  async put(key: string, bytes: Uint8Array, meta: ThumbnailMeta): Promise<string> {
    const object = await this.bucket.put(this.prefix + key, bytes, {
      httpMetadata: { contentType: meta.contentType, cacheControl: meta.cacheControl },
      customMetadata: { sourceEtag: meta.sourceEtag },
    });
    return object.httpEtag;
  }

  async deleteAll(prefix: string, select: (key: string) => boolean): Promise<string[]> {
    const deleted: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list({ prefix: this.prefix + prefix, limit: 1000, ...(cursor ? { cursor } : {}) });
      const keys = page.objects.map((object) => object.key.slice(this.prefix.length)).filter(select);
      if (keys.length > 0) await this.bucket.delete(keys.map((key) => this.prefix + key));
      deleted.push(...keys);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return deleted;
  }
}
