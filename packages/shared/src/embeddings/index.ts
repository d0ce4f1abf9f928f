// Embedders (offline hashed, OpenAI-compatible), the embedding cache, and the factory.
export {
  type ConfiguredEmbedder,
  createEmbedderFromConfig,
  EMBEDDING_CACHE_FILE,
  type EmbedderDeps,
} from "./create-embedder-from-config.js";
export { createEmbeddingCache, type EmbeddingCache, EmbeddingCacheError, hashText } from "./embedding-cache.js";
export { LOCAL_MODEL_VERSION } from "./hashed-features.js";
export { dot, l2Normalised } from "./l2-normalise.js";
export { createLocalHashedEmbedder, type LocalEmbedderOptions } from "./local-hashed-embedder.js";
export {
  createOpenAiEmbedder,
  EmbeddingDimensionsError,
  type OpenAiEmbedderOptions,
} from "./openai-embedder.js";
export { OpenAiRequestError } from "./openai-errors.js";
export { type BatchLimits, type BatchRange, planEmbeddingBatches } from "./plan-embedding-batches.js";
export { type Embedder, type EmbedderIdentity, formatIdentity, sameIdentity } from "./types.js";
export { type CacheCounters, type CachedEmbedder, withEmbeddingCache } from "./with-embedding-cache.js";
