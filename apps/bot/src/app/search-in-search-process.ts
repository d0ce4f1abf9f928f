// The bot's searching with BOT_SEARCH_PROCESS (the default), wired from its parts: the search
// process opens, verifies, smoke-queries and searches every generation (open-in-search-process.ts,
// process-search.ts); the bot's live library keeps only the served generation's manifest; and the
// bot opens a fallback copy of a generation only while the search process cannot search it
// (fallback-copies.ts). So in the steady state the index is loaded once, in the search process.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  createLiveGenerations,
  type LiveGenerations,
  type LiveLibrary,
  type RetrievalSettings,
} from "@ai-library/shared/retrieval";
import { createFallbackCopies } from "../answering/fallback-copies.js";
import { openInSearchProcess } from "../answering/open-in-search-process.js";
import { createProcessSearch } from "../answering/process-search.js";
import { createSearchProcessClient } from "../answering/search-process-client.js";
import { freeRetiredNativeMemory } from "./free-retired-generation.js";

/** How the bot finds passages, whichever way it searches. */
export interface Searching {
  /** The generation served (with a search process: its manifest only, the index is there). */
  library: LiveGenerations;
  search: LiveLibrary["search"];
  sectionAround: LiveLibrary["sectionAround"];
  /** RSS of the search process, when one runs. */
  searchProcessRss(): Promise<number | undefined>;
  /** Generations the bot itself holds open for the fallback (none while the search process works). */
  fallbackCopies(): string[];
  close(): void;
}

export interface SearchingDeps {
  store: IndexStore;
  embedder: Embedder;
  logger: Logger;
  settings: RetrievalSettings;
  /** The answer timeout: how long a search may wait for the search process. */
  searchTimeoutMs: number;
  /** Node options of the search process; default the bot's own (tests pass the tsx loader). */
  execArgv?: readonly string[];
  /** Where the built search process lies; default apps/bot/dist (tests build their own). */
  bundleDir?: string;
}

export function searchInSearchProcess(deps: SearchingDeps): Searching {
  const { store, embedder, logger } = deps;
  const copies = createFallbackCopies({ expectedEmbedder: embedder.identity, onClosed: freeRetiredNativeMemory });
  const client = createSearchProcessClient({
    logger,
    execArgv: deps.execArgv,
    bundleDir: deps.bundleDir,
    // A restarted search process loads the served generation ahead of the search that started it.
    onStart: () => {
      const dir = library.current()?.dir;
      if (dir) client.send({ type: "prepare", dir });
    },
  });
  const library = createLiveGenerations({
    store,
    logger,
    open: openInSearchProcess({ client, copies, store, embedder, logger }),
    searchesKeywords: deps.settings.mode !== "vector",
  });
  const searcher = createProcessSearch({
    client,
    library,
    copies,
    embedder,
    logger,
    settings: deps.settings,
    searchTimeoutMs: deps.searchTimeoutMs,
  });
  return {
    library,
    search: searcher.search,
    sectionAround: searcher.sectionAround,
    searchProcessRss: searcher.rssBytes,
    fallbackCopies: copies.openDirs,
    close() {
      library.close();
      client.close();
      copies.release();
    },
  };
}
