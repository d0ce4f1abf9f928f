// An OpenAI-compatible embedder learns its vector length from its first reply (identity.dims is
// 0 until then). Reuse checks and new generations need the real length, so ask once: the reply
// is cached by the embedding cache, so this costs at most one request per process.
import type { Embedder } from "@ai-library/shared/embeddings";

export async function ensureEmbedderDims(embedder: Embedder): Promise<void> {
  if (embedder.identity.dims === 0) await embedder.embedQuery("dimension probe");
}
