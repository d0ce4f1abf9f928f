// The library services the bot reads from, built from the config: the index store, the
// query embedder (must match the one the index was built with), the live library that hot-
// swaps generations, and the answerer (extractive offline, or an LLM when configured).
import { join } from "node:path";
import type { Answerer } from "@ai-library/shared/answer";
import { createAnswererFromConfig } from "@ai-library/shared/answer";
import type { AppConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary } from "@ai-library/shared/retrieval";

export interface BotServices {
  library: LiveLibrary;
  answerer: Answerer;
  close(): void;
}

export function createBotServices(config: AppConfig, logger: Logger): BotServices {
  const store = openIndexStore(config.INDEX_DIR);
  const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
  const library = createLiveLibrary({ store, embedder, logger });
  const answerer = createAnswererFromConfig(config, { logger });
  return {
    library,
    answerer,
    close() {
      library.close();
      embedder.close();
    },
  };
}
