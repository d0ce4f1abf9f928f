// The library services the bot reads from, built from the config: the index store, the
// query embedder (must match the one the index was built with), the live library that hot-
// swaps generations, the question search (on a FAISS thread, or in a lane on the main
// thread), and the answerer (extractive offline, or an LLM when configured).
import { join } from "node:path";
import type { Answerer } from "@ai-library/shared/answer";
import { createAnswererFromConfig } from "@ai-library/shared/answer";
import type { AppConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary } from "@ai-library/shared/retrieval";
import { createSearchLane } from "../answering/search-lane.js";
import { createWorkerSearch } from "../answering/worker-search.js";

export interface BotServices {
  library: LiveLibrary;
  answerer: Answerer;
  search: LiveLibrary["search"];
  /** Called when a new generation goes live (the search thread loads it ahead of questions). */
  generationLoaded(): void;
  close(): Promise<void>;
}

export function createBotServices(config: AppConfig, logger: Logger): BotServices {
  const store = openIndexStore(config.INDEX_DIR);
  const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
  const library = createLiveLibrary({ store, embedder, logger });
  const answerer = createAnswererFromConfig(config, { logger });
  const thread = config.BOT_SEARCH_THREAD ? createWorkerSearch({ library, embedder, logger }) : undefined;
  return {
    library,
    answerer,
    search: thread ? thread.search : createSearchLane(library).search,
    generationLoaded() {
      const dir = library.current()?.dir;
      if (thread && dir) thread.prepare(dir);
    },
    async close() {
      await thread?.close();
      library.close();
      embedder.close();
    },
  };
}
