import type { ChunkSource } from "../chunking/types.js";

/** A passage found for a question, with its citation and similarity score (higher is better). */
export interface Passage extends ChunkSource {
  text: string;
  score: number;
}

export interface RetrievalResult {
  passages: Passage[];
  /** Id of the generation that answered, so logs and /about can name it. */
  generationId: string;
}
