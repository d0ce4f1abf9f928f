// The library services the bot reads from, built from the config: the index store, the query
// embedder (must match the one the index was built with), the live library that hot-swaps
// generations, the question search, and the answerer (extractive offline, or an LLM when
// configured). With BOT_SEARCH_PROCESS (the default) the search process holds the index and the
// bot keeps only the served generation's manifest (search-in-search-process.ts); without it, the
// bot holds the index and searches in a lane in its own thread.
import { join } from "node:path";
import type { Answerer } from "@ai-library/shared/answer";
import {
  createAnswererFromConfig,
  createQuestionCondenserFromConfig,
  type QuestionCondenser,
} from "@ai-library/shared/answer";
import type { AppConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { createSearchLane } from "../answering/search-lane.js";
import { freeRetiredNativeMemory } from "./free-retired-generation.js";
import { type Searching, type SearchingDeps, searchInSearchProcess } from "./search-in-search-process.js";

export interface BotServices {
  store: IndexStore;
  library: Searching["library"];
  answerer: Answerer;
  condenser: QuestionCondenser | undefined;
  search: LiveLibrary["search"];
  /** The section around a cited source («Подробнее»). */
  sectionAround: LiveLibrary["sectionAround"];
  searchProcessRss: Searching["searchProcessRss"];
  close(): Promise<void>;
}

/** BOT_SEARCH_PROCESS=false: the bot holds the index and searches one question at a time. */
function searchInBot(deps: SearchingDeps): Searching {
  const library = createLiveLibrary({
    store: deps.store,
    embedder: deps.embedder,
    logger: deps.logger,
    retrieval: deps.settings,
    onRetiredClosed: freeRetiredNativeMemory,
  });
  return {
    library,
    search: createSearchLane(library).search,
    // A few chunks read from SQLite: cheap enough to skip the search lane.
    sectionAround: library.sectionAround,
    searchProcessRss: async () => undefined,
    fallbackCopies: () => [],
    close: () => library.close(),
  };
}

export function createBotServices(config: AppConfig, logger: Logger): BotServices {
  const store = openIndexStore(config.INDEX_DIR);
  const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
  const deps: SearchingDeps = {
    store,
    embedder,
    logger,
    settings: retrievalSettingsFromConfig(config),
    searchTimeoutMs: config.BOT_ANSWER_TIMEOUT_SECONDS * 1000,
  };
  const searching = config.BOT_SEARCH_PROCESS ? searchInSearchProcess(deps) : searchInBot(deps);
  return {
    store,
    library: searching.library,
    answerer: createAnswererFromConfig(config, { logger }),
    condenser: createQuestionCondenserFromConfig(config),
    search: searching.search,
    sectionAround: searching.sectionAround,
    searchProcessRss: searching.searchProcessRss,
    async close() {
      searching.close();
      embedder.close();
    },
  };
}
