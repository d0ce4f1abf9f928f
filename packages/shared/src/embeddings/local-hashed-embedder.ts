// The offline default embedder: no model download, deterministic, Russian and English.
// Quality is lexical (stems and character n-grams), which suits questions that reuse the
// book's words; the OpenAI embedder is the option for paraphrase-level matching.
import { createHashedFeatureVectoriser, LOCAL_MODEL_VERSION } from "./hashed-features.js";
import type { Embedder, EmbedderIdentity } from "./types.js";

/** Texts embedded between event-loop turns, so a whole book never blocks timers and I/O. */
const TEXTS_PER_TURN = 256;

export interface LocalEmbedderOptions {
  /** Vector length (config LOCAL_EMBEDDING_DIMS, default 384). */
  dims: number;
}

export function createLocalHashedEmbedder(options: LocalEmbedderOptions): Embedder {
  if (!Number.isInteger(options.dims) || options.dims < 8) {
    throw new RangeError(`Local embedder dims must be a whole number ≥ 8, got ${options.dims}`);
  }
  const identity: EmbedderIdentity = Object.freeze({
    provider: "local",
    model: LOCAL_MODEL_VERSION,
    dims: options.dims,
  });
  const vectorise = createHashedFeatureVectoriser(options.dims);
  return {
    identity,
    embedDocuments: async (texts) => {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += TEXTS_PER_TURN) {
        if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        for (const text of texts.slice(start, start + TEXTS_PER_TURN)) vectors.push(vectorise(text));
      }
      return vectors;
    },
    embedQuery: async (text) => vectorise(text),
  };
}
