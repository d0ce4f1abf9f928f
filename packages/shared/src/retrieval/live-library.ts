// The live library of a reader that searches in its own process (`ask`, the bot without a search
// process): the served generation's FAISS index and docstore are open here, and questions are
// answered by search-generation.ts (hybrid keyword + vector search by default). Opening a
// generation verifies every file and runs the smoke query; hot swapping, refusal and the
// start-up fallback are live-generations.ts's.
import type { Embedder } from "../embeddings/types.js";
import type { IndexStore } from "../index/generation/index-store.js";
import type { LoadedGeneration } from "../index/generation/loaded-generation.js";
import type { Logger } from "../logging/index.js";
import type { Thesaurus } from "./expansion/thesaurus.js";
import { createLiveGenerations, type LiveGenerations } from "./live-generations.js";
import { DEFAULT_RETRIEVAL_SETTINGS, type RetrievalSettings } from "./retrieval-settings.js";
import { type SearchOptions, searchQueryOf, textToEmbed } from "./search-context.js";
import { searchGeneration } from "./search-generation.js";
import { type SectionText, sectionAround } from "./section-around.js";
import { smokeTested } from "./smoke-query.js";
import type { RetrievalResult } from "./types.js";

export type { ReloadOutcome } from "./live-generations.js";

export interface LiveLibrary extends LiveGenerations<LoadedGeneration> {
  search(question: string, k: number, options?: SearchOptions): Promise<RetrievalResult>;
  /** The section around a cited chunk (book id + position) in the generation served now, up to `maxChars`. */
  sectionAround(bookId: string, position: number, maxChars: number): Promise<SectionText | undefined>;
}

export interface LiveLibraryDeps {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  /** From retrievalSettingsFromConfig(config); unset fields take the config defaults. */
  retrieval?: Partial<RetrievalSettings>;
  /** Synonyms for `retrieval.thesaurusWeight` (loadThesaurus, read once at start); none = no synonyms. */
  thesaurus?: Thesaurus;
  /**
   * Called once a swapped-out generation is closed (its last in-flight question done): the
   * bot frees the FAISS index's native memory there, which V8 does not see.
   */
  onRetiredClosed?: () => void;
}

export function createLiveLibrary(deps: LiveLibraryDeps): LiveLibrary {
  const { store, embedder } = deps;
  const settings: RetrievalSettings = { ...DEFAULT_RETRIEVAL_SETTINGS, ...deps.retrieval };
  const generations = createLiveGenerations<LoadedGeneration>({
    store,
    logger: deps.logger,
    open: async (id) => smokeTested(await store.open(id, embedder.identity), embedder),
    searchesKeywords: settings.mode !== "vector",
    onRetiredClosed: deps.onRetiredClosed,
  });
  return {
    ...generations,
    async search(question, k, options) {
      const vector = await embedder.embedQuery(textToEmbed(question, options));
      const query = searchQueryOf(question, vector, options);
      return generations.withGeneration((generation) => ({
        passages: searchGeneration(generation, query, k, settings, deps.thesaurus),
        generationId: generation.id,
      }));
    },
    sectionAround: (bookId, position, maxChars) =>
      generations.withGeneration((generation) => sectionAround(generation, bookId, position, maxChars)),
  };
}
