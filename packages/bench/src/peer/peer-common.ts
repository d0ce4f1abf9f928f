// What both sides of the peer comparison and its paired phase share: dimensions, k and the
// queries (identical in every process).
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { benchChunkTexts } from "./bench-chunks.js";

export const DIMS = 384;
export const K = 10;
const QUERIES = 200;

/** Fresh passages from the same vocabulary, as a reader's question would be. */
export function benchQueries(): Promise<Float32Array[]> {
  const embedder = createLocalHashedEmbedder({ dims: DIMS });
  return embedder.embedDocuments(benchChunkTexts(QUERIES, 99).map((text) => text.slice(0, 200)));
}
