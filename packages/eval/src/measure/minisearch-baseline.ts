// The baseline the issue measured before hybrid search existed: plain BM25 over the same
// chunks with MiniSearch (fuzzy 0.2 + prefix matching, its default tokenizer), returning raw
// chunks. Built from the generation's own docstore so both see exactly the same text.
import type { LoadedGeneration } from "@ai-library/shared/index";
import type { Passage } from "@ai-library/shared/retrieval";
import MiniSearch from "minisearch";
import type { Searcher } from "./score-method.js";

export const MINISEARCH_OPTIONS = { fuzzy: 0.2, prefix: true } as const;

export function createMiniSearchBaseline(generation: LoadedGeneration, k: number): Searcher {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], searchOptions: MINISEARCH_OPTIONS });
  const passages: Passage[] = [];
  for (const book of generation.manifest.books) {
    for (const chunk of generation.chunksOfBook(book.bookId)) {
      index.add({ id: passages.length, text: chunk.text });
      passages.push({ ...chunk, score: 0 });
    }
  }
  return async (question) =>
    index
      .search(question)
      .slice(0, k)
      .flatMap((result) => {
        const passage = passages[result.id as number];
        return passage ? [{ ...passage, score: result.score }] : [];
      });
}
