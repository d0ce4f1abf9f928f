// The library services the bot reads from, built from the config: the index store, the
// query embedder (must match the one the index was built with), the live library that hot-
// swaps generations, the question search (FAISS scan in a search process, or in a lane in
// the bot's own thread), and the answerer (extractive offline, or an LLM when configured).
import { join } from "node:path";
import type { Answerer } from "@ai-library/shared/answer";
import { createAnswererFromConfig } from "@ai-library/shared/answer";
import type { AppConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { createProcessSearch } from "../answering/process-search.js";
import { createSearchLane } from "../answering/search-lane.js";
import { freeRetiredNativeMemory } from "./free-retired-generation.js";

export interface BotServices {
  store: IndexStore;
  library: LiveLibrary;
  answerer: Answerer;
  search: LiveLibrary["search"];
  /** Called when a new generation goes live (the search process loads it ahead of questions). */
  generationLoaded(): void;
  /** RSS of the search process, when one runs. */
  searchProcessRss(): Promise<number | undefined>;
  close(): Promise<void>;
}

export function createBotServices(config: AppConfig, logger: Logger): BotServices {
  const store = openIndexStore(config.INDEX_DIR);
  const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
  const settings = retrievalSettingsFromConfig(config);
  const library = createLiveLibrary({
    store,
    embedder,
    logger,
    retrieval: settings,
    onRetiredClosed: freeRetiredNativeMemory,
  });
  const answerer = createAnswererFromConfig(config, { logger });
  const searcher = config.BOT_SEARCH_PROCESS
    ? createProcessSearch({
        library,
        embedder,
        logger,
        settings,
        searchTimeoutMs: config.BOT_ANSWER_TIMEOUT_SECONDS * 1000,
      })
    : undefined;
  return {
    store,
    library,
    answerer,
    search: searcher ? searcher.search : createSearchLane(library).search,
    generationLoaded() {
      const dir = library.current()?.dir;
      if (searcher && dir) searcher.prepare(dir);
    },
    searchProcessRss: async () => searcher?.rssBytes(),
    async close() {
      searcher?.close();
      library.close();
      embedder.close();
    },
  };
}
