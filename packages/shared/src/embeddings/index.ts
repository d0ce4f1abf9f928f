// Embedders (offline hashed, OpenAI-compatible), the embedding cache, and the factory.
export { type ConfiguredEmbedder, createEmbedderFromConfig } from "./create-embedder-from-config.js";
export { createLocalHashedEmbedder } from "./local-hashed-embedder.js";
export { type Embedder, type EmbedderIdentity, formatIdentity, sameIdentity } from "./types.js";
