// The ingestion worker process, as systemd runs it (`pnpm --filter @ai-library/worker start`):
// parse the config once, start the service, and on SIGTERM/SIGINT stop gracefully and exit 0.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit, secretValues } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { reportFailure, startErrorTracking } from "@ai-library/shared/error-reporting";
import { openIndexStore } from "@ai-library/shared/index";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { startWorkerService } from "./service/worker-service.js";

// `pnpm --filter` starts us in apps/worker; relative paths in .env (data/books, logs) are meant
// from the repository root, as for the CLI and the bot.
process.chdir(fileURLToPath(new URL("../../../", import.meta.url)));
if (existsSync(".env")) process.loadEnvFile(".env");

const config = loadConfigOrExit(process.env, "worker");
const logger = createLogger({
  service: "worker",
  level: config.LOG_LEVEL,
  dir: config.LOG_DIR,
  secrets: secretValues(config),
});
const embedder = createEmbedderFromConfig(config, { logger, cacheDir: join(config.INDEX_DIR, "cache") });
const store = openIndexStore(config.INDEX_DIR);
const errors = startErrorTracking({
  dsn: config.SENTRY_DSN,
  service: "worker",
  generation: () => store.liveId(),
  secrets: secretValues(config),
  // The worker logs an unhandled rejection and runs on; Sentry reports it too.
  onUnhandledRejection: "continue",
  logger,
});

process.on("unhandledRejection", (reason) => {
  logger.error(`Необработанный отказ промиса: ${reason instanceof Error ? reason.message : String(reason)}`, {
    stack: reason instanceof Error ? reason.stack : undefined,
  });
});

async function exit(code: number): Promise<never> {
  embedder.close();
  await errors.flush();
  await closeLogger(logger);
  process.exit(code);
}

const starting = startWorkerService({ config, logger, embedder, store, errors });

// Installed before start-up completes: a worker still waiting for Redis must stop cleanly too.
let stopRequested = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopRequested) {
    logger.warn(
      `Повторный ${signal}: остановка ещё идёт (не дольше WORKER_SHUTDOWN_SECONDS=${config.WORKER_SHUTDOWN_SECONDS})`,
    );
    return;
  }
  stopRequested = true;
  logger.info(`Получен ${signal}: новые задания не берутся; текущие завершатся или вернутся в очередь`);
  // A start-up stuck waiting for Redis has nothing to hand back: give it a few seconds, then go.
  const notStarted = new Promise<"not started">((resolve) => setTimeout(() => resolve("not started"), 5_000).unref());
  Promise.race([starting, notStarted])
    .then((service) => (service === "not started" ? undefined : service.stop()))
    .then(
      () => exit(0),
      async (error: Error) => {
        await reportFailure({ logger, tracker: errors }, "Остановка не удалась", error);
        return exit(1);
      },
    );
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

try {
  await starting;
} catch (error) {
  await reportFailure({ logger, tracker: errors }, "Воркер не может запуститься", error);
  await exit(1);
}
