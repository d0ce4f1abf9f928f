// The ingestion worker process, as systemd runs it (`pnpm --filter @ai-library/worker start`):
// parse the config once, start the service, and on SIGTERM/SIGINT stop gracefully and exit 0.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit, secretValues } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { join } from "node:path";
import { startWorkerService } from "./service/worker-service.js";

// `pnpm --filter` starts us in apps/worker; relative paths in .env (data/books, logs) are meant
// from the repository root, as for the CLI and the bot.
process.chdir(fileURLToPath(new URL("../../../", import.meta.url)));
if (existsSync(".env")) process.loadEnvFile(".env");

const config = loadConfigOrExit(process.env, "worker");
const logger = createLogger({ service: "worker", level: config.LOG_LEVEL, dir: config.LOG_DIR, secrets: secretValues(config) });

process.on("unhandledRejection", (reason) => {
  logger.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
});

const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
let service: Awaited<ReturnType<typeof startWorkerService>>;
try {
  service = await startWorkerService({ config, logger, embedder });
} catch (error) {
  logger.error(`Worker cannot start: ${(error as Error).message}`);
  await closeLogger(logger);
  process.exit(1);
}

let signalled = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (signalled) {
    logger.warn(`${signal} again: still shutting down (bounded by WORKER_SHUTDOWN_SECONDS=${config.WORKER_SHUTDOWN_SECONDS})`);
    return;
  }
  signalled = true;
  logger.info(`${signal} received: no new jobs; active jobs finish or go back to the queue`);
  service
    .stop()
    .then(() => embedder.close())
    .then(() => closeLogger(logger))
    .then(() => process.exit(0))
    .catch((error: Error) => {
      logger.error(`Shutdown failed: ${error.message}`);
      process.exit(1);
    });
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
