// The smoke query a reader runs on a generation before serving it: one vector search that must
// find a passage, proving that the FAISS index and the docstore answer together. The bot's search
// process runs the same check on the generations it opens for the bot.
import type { Embedder } from "../embeddings/types.js";
import type { LoadedGeneration } from "../index/generation/loaded-generation.js";

/** Embedded by the reader's own embedder: any library of books has a chunk near it. */
export const SMOKE_QUESTION = "книга book";

/** Throws when a generation that has chunks finds no passage for the probe vector. */
export function smokeQuery(generation: Pick<LoadedGeneration, "manifest" | "search">, probe: Float32Array): void {
  if (generation.manifest.chunkCount > 0 && generation.search(probe, 1).length === 0) {
    throw new Error("smoke query returned no passage");
  }
}

/** The opened generation once its smoke query passed; closed again (and the error thrown) if it did not. */
export async function smokeTested(
  generation: LoadedGeneration,
  embedder: Pick<Embedder, "embedQuery">,
): Promise<LoadedGeneration> {
  try {
    smokeQuery(generation, await embedder.embedQuery(SMOKE_QUESTION));
  } catch (error) {
    generation.close();
    throw error;
  }
  return generation;
}
