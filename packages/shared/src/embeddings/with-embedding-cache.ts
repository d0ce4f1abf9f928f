// Wraps an embedder so that only texts missing from the cache are sent to it. Hits and
// misses are counted so an ingest run can report how much the cache saved.
import { type EmbeddingCache, hashText } from "./embedding-cache.js";
import { type Embedder, formatIdentity } from "./types.js";

export interface CacheCounters {
  /** Texts not sent: answered from the cache (or a repeat of a text in the same call). */
  hits: number;
  /** Distinct texts sent to the wrapped embedder. */
  misses: number;
}

export interface CachedEmbedder extends Embedder {
  /** Running totals since creation; read them, do not write them. */
  readonly counters: Readonly<CacheCounters>;
  readonly refreshing: Embedder;
}

export function withEmbeddingCache(embedder: Embedder, cache: EmbeddingCache): CachedEmbedder {
  const counters: CacheCounters = { hits: 0, misses: 0 };

  /** `lookUp` false: a refresh — nothing is read from the cache, everything sent is written to it. */
  async function embedDocuments(texts: string[], lookUp = true): Promise<Float32Array[]> {
    const hashes = texts.map(hashText);
    // An OpenAI embedder may not know its length before its first response (dims 0):
    // nothing can be looked up under an identity that is not final yet.
    const known = lookUp && embedder.identity.dims > 0;
    const dims = embedder.identity.dims;
    const cached = known ? cache.getMany(formatIdentity(embedder.identity), hashes) : new Map<string, Float32Array>();
    for (const [hash, vector] of cached) if (vector.length !== dims) cached.delete(hash);

    // Each distinct missing text is sent once, even if it repeats within the call.
    const missing = new Map<string, string>();
    hashes.forEach((hash, i) => {
      if (!cached.has(hash) && !missing.has(hash)) missing.set(hash, texts[i] ?? "");
    });
    counters.hits += texts.length - missing.size;
    counters.misses += missing.size;

    if (missing.size > 0) {
      const vectors = await embedder.embedDocuments([...missing.values()]);
      const entries = [...missing.keys()].map((textHash, i) => ({
        textHash,
        vector: vectors[i] ?? new Float32Array(),
      }));
      cache.putMany(formatIdentity(embedder.identity), entries);
      for (const entry of entries) cached.set(entry.textHash, entry.vector);
    }
    return hashes.map((hash) => cached.get(hash) ?? new Float32Array());
  }

  // Questions are one-off: they go straight to the embedder.
  const embedQuery = (text: string) => embedder.embedQuery(text);
  return {
    get identity() {
      return embedder.identity;
    },
    counters,
    embedDocuments: (texts) => embedDocuments(texts),
    embedQuery,
    refreshing: {
      get identity() {
        return embedder.identity;
      },
      embedDocuments: (texts) => embedDocuments(texts, false),
      embedQuery,
    },
  };
}
