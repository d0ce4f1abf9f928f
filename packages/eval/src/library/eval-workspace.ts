// What `pnpm eval` and `dump-misses` both work in: a folder holding the eval library's books,
// index, logs and embedding cache, with the config, logger and embedder built over it.
import { join } from "node:path";
import { type AppConfig, loadConfigOrExit } from "@ai-library/shared/config";
import { type ConfiguredEmbedder, createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { createLogger, type Logger } from "@ai-library/shared/logging";

export interface EvalWorkspace {
  config: AppConfig;
  logger: Logger;
  embedder: ConfiguredEmbedder;
}

export function openEvalWorkspace(workDir: string): EvalWorkspace {
  const config = loadConfigOrExit(
    {
      ...process.env,
      BOOKS_DIR: join(workDir, "books"),
      INDEX_DIR: join(workDir, "index"),
      LOG_DIR: join(workDir, "logs"),
    },
    "eval",
  );
  const logger = createLogger({ service: "eval", level: "warn", dir: config.LOG_DIR, console: false });
  const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(workDir, "cache") });
  return { config, logger, embedder };
}
