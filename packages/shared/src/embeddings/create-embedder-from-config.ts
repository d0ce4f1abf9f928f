// Chooses the embedder a process uses: the offline hashed embedder by default, OpenAI (or a
// compatible server) when EMBEDDINGS_PROVIDER=openai, then with the SQLite cache in front.
import { join } from "node:path";
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../logging/index.js";
import { createEmbeddingCache } from "./embedding-cache.js";
import { createLocalHashedEmbedder } from "./local-hashed-embedder.js";
import { createOpenAiEmbedder } from "./openai-embedder.js";
import type { Embedder } from "./types.js";
import { type CacheCounters, withEmbeddingCache } from "./with-embedding-cache.js";

export const EMBEDDING_CACHE_FILE = "embedding-cache.sqlite";

export interface EmbedderDeps {
  logger: Logger;
  /** Directory for the embedding cache; without it OpenAI embeddings are not cached. */
  cacheDir?: string;
  sleep?: (ms: number) => Promise<void>;
}

export interface ConfiguredEmbedder extends Embedder {
  /** Cache hits/misses, when a cache is in use. */
  readonly cacheCounters: Readonly<CacheCounters> | undefined;
  /** Closes the cache database, if any. */
  close(): void;
}

export function createEmbedderFromConfig(config: AppConfig, deps: EmbedderDeps): ConfiguredEmbedder {
  if (config.EMBEDDINGS_PROVIDER === "local") {
    // Hashing is cheaper than a cache lookup, so the local embedder runs uncached.
    const local = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
    return { ...bind(local), cacheCounters: undefined, close: () => {} };
  }
  const remote = createOpenAiEmbedder({
    model: config.OPENAI_EMBEDDING_MODEL,
    baseUrl: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    dimensions: config.OPENAI_EMBEDDING_DIMS,
    batchSize: config.OPENAI_EMBEDDING_BATCH_SIZE,
    batchTokens: config.OPENAI_EMBEDDING_BATCH_TOKENS,
    maxConcurrency: config.OPENAI_MAX_CONCURRENCY,
    maxRetries: config.OPENAI_MAX_RETRIES,
    timeoutMs: config.OPENAI_TIMEOUT_SECONDS * 1000,
    logger: deps.logger,
    sleep: deps.sleep,
  });
  if (!deps.cacheDir) return { ...bind(remote), cacheCounters: undefined, close: () => {} };
  const cache = createEmbeddingCache(join(deps.cacheDir, EMBEDDING_CACHE_FILE));
  const cached = withEmbeddingCache(remote, cache);
  return { ...bind(cached), cacheCounters: cached.counters, close: () => cache.close() };
}

/** Copies methods and keeps `identity` live (the OpenAI embedder learns dims from its first response). */
function bind(embedder: Embedder): Embedder {
  return {
    get identity() {
      return embedder.identity;
    },
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    embedQuery: (text) => embedder.embedQuery(text),
    ...(embedder.refreshing ? { refreshing: embedder.refreshing } : {}),
  };
}
