// The ingestion worker as a service: connects to Redis, checks it is safe to use, registers a
// handler for every job kind, consumes the ingest queues (unless INGESTION_ENABLED=false),
// keeps its presence and health visible, and stops gracefully.
import { hostname } from "node:os";
import type { AppConfig } from "@ai-library/shared/config";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { ErrorTracker } from "@ai-library/shared/error-reporting";
import { type IndexStore, verifyLiveGeneration } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { startMetricsServer } from "@ai-library/shared/metrics";
import { ingestSettingsFromConfig } from "@ai-library/shared/pipeline";
import {
  announceGeneration,
  createWorkerConnection,
  generationsServedByHosts,
  openIngestQueues,
  openRunHistory,
  readQueueStatus,
} from "@ai-library/shared/queue";
import { createIngestJobHandlers } from "../handlers/ingest-handlers.js";
import { assertHandlersComplete } from "../handlers/job-handlers.js";
import { createWorkerServiceMetrics } from "../metrics/worker-service-metrics.js";
import { openStagingArea } from "../staging/staging-area.js";
import { warnUnlessNoEviction } from "./eviction-policy.js";
import { stopWorkersGracefully } from "./graceful-stop.js";
import { startPresenceHeartbeat } from "./presence-heartbeat.js";
import { type QueueConsumers, startQueueConsumers } from "./queue-consumers.js";

const STAGING_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface WorkerServiceDeps {
  config: AppConfig;
  logger: Logger;
  embedder: Embedder;
  /** INDEX_DIR, opened by main.ts (error reports name its live generation too). */
  store: IndexStore;
  /** Where jobs that failed for good are reported (Sentry with SENTRY_DSN, else nowhere). */
  errors: ErrorTracker;
}

export interface WorkerService {
  readonly workerId: string;
  readonly healthPort: number | undefined;
  /** Idempotent: the second call waits for the first. */
  stop(): Promise<void>;
}

export async function startWorkerService(deps: WorkerServiceDeps): Promise<WorkerService> {
  const { config, logger, embedder, store } = deps;
  const workerId = `${hostname()}:${process.pid}`;
  const startedAt = new Date().toISOString();
  const connection = createWorkerConnection(config.REDIS_URL, {
    onError: (message) => logger.warn(`Соединение с Redis: ${message}`),
  });
  await warnUnlessNoEviction(connection, logger);

  // A damaged LIVE is pointed back at the newest sound generation before any job builds on it.
  const check = await verifyLiveGeneration({
    store,
    logger,
    expectedEmbedder: embedder.identity,
    repair: true,
    backupDir: config.BACKUP_DIR,
  });
  const settings = ingestSettingsFromConfig(config);
  const staging = openStagingArea(store.dir, { embedder, chunking: settings.chunking });
  const stale = staging.removeOlderThan(STAGING_MAX_AGE_MS);
  if (stale.length > 0) logger.info(`Удалены файлы подготовки старше 7 дней (${stale.length}) из ${staging.dir}`);

  const queues = openIngestQueues(connection, config.QUEUE_PREFIX);
  const history = openRunHistory(connection, config.QUEUE_PREFIX);
  const metrics = createWorkerServiceMetrics({
    store,
    logger,
    ingestionEnabled: config.INGESTION_ENABLED,
    readQueue: () => readQueueStatus(queues, connection),
  });
  metrics.index.recordStartupCheck(check);
  const handlers = createIngestJobHandlers({
    settings,
    embedder,
    store,
    staging,
    history,
    logger,
    workerId,
    metrics: metrics.worker,
    // Multi-host (CLUSTER_TOKEN set): retention keeps what other hosts' heartbeats name.
    ...(config.CLUSTER_TOKEN ? { servedByHosts: () => generationsServedByHosts(connection, config.QUEUE_PREFIX) } : {}),
    announce: async (notice) => {
      const listeners = await announceGeneration(connection, config.QUEUE_PREFIX, notice);
      logger.info(`О поколении ${notice.generationId} оповещено слушателей: ${listeners}`);
    },
  });
  assertHandlersComplete(handlers);

  let consumers: QueueConsumers = { workers: [], activeJobs: () => 0 };
  if (config.INGESTION_ENABLED) {
    consumers = await startQueueConsumers({
      config,
      connection,
      queues,
      history,
      handlers,
      metrics: metrics.worker,
      logger,
      workerId,
      errors: deps.errors,
      liveGeneration: () => store.liveId(),
    });
    logger.info(
      `Воркер ${workerId} берёт задания индексации (книг одновременно: ${config.INGEST_CONCURRENCY}), векторизатор ${embedder.identity.model}`,
    );
  } else {
    logger.warn(
      `Индексация выключена (INGESTION_ENABLED=false): воркер ${workerId} отвечает на проверки здоровья и метрики, но заданий не берёт`,
    );
  }

  const heartbeat = startPresenceHeartbeat({
    connection,
    prefix: config.QUEUE_PREFIX,
    logger,
    presence: () => ({
      workerId,
      host: hostname(),
      pid: process.pid,
      startedAt,
      ingestionEnabled: config.INGESTION_ENABLED,
      concurrency: config.INGESTION_ENABLED ? config.INGEST_CONCURRENCY : 0,
      activeJobs: consumers.activeJobs(),
    }),
  });
  // Health is served whether or not ingestion is enabled: a held worker is up, just not consuming.
  const health = await startMetricsServer({
    port: config.WORKER_METRICS_PORT,
    host: config.METRICS_HOST,
    registry: metrics.registry,
    health: () => ({
      ok: connection.status === "ready",
      workerId,
      ingestionEnabled: config.INGESTION_ENABLED,
      redis: connection.status,
      liveGeneration: store.liveId() ?? null,
    }),
    logger,
  });

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    const outcome = await stopWorkersGracefully(
      consumers.workers,
      { graceMs: config.WORKER_SHUTDOWN_SECONDS * 1000, handBackMs: 10_000 },
      logger,
    );
    await heartbeat.stop();
    await Promise.allSettled([queues.close(), health.close()]);
    await connection.quit().catch(() => connection.disconnect());
    logger.info(`Воркер ${workerId} остановлен (${outcome})`);
  };
  return {
    workerId,
    healthPort: health.port,
    stop: () => {
      stopping ??= stop();
      return stopping;
    },
  };
}
