// What every CLI command needs, built once from the parsed config: logger, index store,
// embedder, and the folder the operator typed the command in (for the paths they typed).
// The CLI logs to its own daily file only; the terminal gets progress and reports.
import { join } from "node:path";
import { type AppConfig, loadConfigOrExit, secretValues } from "@ai-library/shared/config";
import type { Embedder } from "@ai-library/shared/embeddings";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import { createLogger, type Logger } from "@ai-library/shared/logging";
import { type CliFailureReporting, createCliFailureReporting } from "./failure-reporting.js";
import { operatorFolder } from "./operator-path.js";

export interface CliContext extends CliFailureReporting {
  config: AppConfig;
  /** The operator's folder: path arguments are resolved against it (operator-path.ts). */
  operatorCwd: string;
  logger: Logger;
  store: IndexStore;
  embedder(): Promise<Embedder>;
}

export function createCliContext(): CliContext {
  const config = loadConfigOrExit(process.env, "cli");
  const logger = createLogger({
    service: "cli",
    level: config.LOG_LEVEL,
    dir: config.LOG_DIR,
    secrets: secretValues(config),
    console: false,
  });
  const store = openIndexStore(config.INDEX_DIR);
  let embedder: Promise<Embedder> | undefined;
  return {
    ...createCliFailureReporting(config, logger, store),
    config,
    operatorCwd: operatorFolder(process.env, process.cwd()),
    logger,
    store,
    embedder: () => {
      embedder ??= Promise.resolve(
        createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") }),
      );
      return embedder;
    },
  };
}
