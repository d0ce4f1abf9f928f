// The BullMQ workers of this process: one for run (parent) jobs, one for book (child) jobs,
// sharing the worker connection (BullMQ adds its own blocking connection per worker).
import type { AppConfig } from "@ai-library/shared/config";
import { type ErrorTracker, reportFailure } from "@ai-library/shared/error-reporting";
import type { Logger } from "@ai-library/shared/logging";
import {
  BOOKS_QUEUE,
  type IngestQueueName,
  type IngestQueues,
  parseBookFailure,
  RUNS_GLOBAL_CONCURRENCY,
  RUNS_QUEUE,
  type RunHistory,
  workerOptions,
} from "@ai-library/shared/queue";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { type JobHandlers, processorForQueue } from "../handlers/job-handlers.js";
import type { WorkerMetrics } from "../metrics/worker-metrics.js";

export interface ConsumerDeps {
  config: AppConfig;
  connection: Redis;
  queues: IngestQueues;
  history: RunHistory;
  handlers: JobHandlers;
  metrics: WorkerMetrics;
  logger: Logger;
  workerId: string;
  errors: ErrorTracker;
  /** The live generation, named in error reports: the one the failed job built on. */
  liveGeneration: () => string | undefined;
}

const isFinalFailure = (job: Job, error: Error) =>
  error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);

/** A run whose publish step failed for good is recorded, so `ingest status` says why. */
async function recordFailedRun(deps: ConsumerDeps, job: Job, error: Error): Promise<void> {
  const record = await deps.history.get(String(job.id));
  if (!record) return;
  await deps.history.save({ ...record, state: "failed", failure: error.message, finishedAt: new Date().toISOString() });
}

/**
 * A job that failed for good goes to error tracking with its id, queue and the live generation.
 * A book that fails for a reason of its own (encrypted, no text, …) is the book's problem, already
 * logged and counted: it is reported as a warning, one Sentry issue per kind; anything else that
 * fails a job (a run's publish, a malformed payload) is an ERROR line and an error report.
 */
function reportFailedJob(deps: ConsumerDeps, queue: IngestQueueName, job: Job, error: Error): void {
  const context = { jobId: String(job.id), queue, generation: deps.liveGeneration() };
  const bookKind = queue === BOOKS_QUEUE ? parseBookFailure(error.message).errorKind : undefined;
  const reported = bookKind
    ? deps.errors.capture(error, {
        ...context,
        level: "warning",
        tags: { book_error: bookKind },
        fingerprint: ["book-failed", bookKind],
      })
    : reportFailure(
        { logger: deps.logger, tracker: deps.errors },
        `${queue === RUNS_QUEUE ? "Прогон" : "Задание книги"} ${job.id} окончательно не выполнено`,
        error,
        context,
      );
  reported.catch((reportError: Error) =>
    deps.logger.warn(`Не удалось сообщить о задании ${job.id}: ${reportError.message}`),
  );
}

export interface QueueConsumers {
  workers: Worker[];
  /** Jobs this process is working on now. */
  activeJobs(): number;
}

export async function startQueueConsumers(deps: ConsumerDeps): Promise<QueueConsumers> {
  const { config, logger, metrics } = deps;
  let active = 0;
  await deps.queues.runs.setGlobalConcurrency(RUNS_GLOBAL_CONCURRENCY);
  const timings = workerOptions({
    lockMs: config.INGEST_LOCK_SECONDS * 1000,
    stalledIntervalMs: config.INGEST_STALLED_CHECK_SECONDS * 1000,
  });
  const make = (queue: IngestQueueName, concurrency: number) => {
    const processJob = processorForQueue(queue, deps.handlers);
    const worker = new Worker(
      queue,
      async (job: Job, token?: string, signal?: AbortSignal) => {
        active += 1;
        try {
          return await processJob(job, token, signal);
        } finally {
          active -= 1;
        }
      },
      { connection: deps.connection, prefix: deps.queues.prefix, concurrency, name: deps.workerId, ...timings },
    );
    worker.on("error", (error) => logger.error(`Очередь ${queue}: ${error.message}`));
    worker.on("stalled", (jobId) =>
      logger.warn(`Очередь ${queue}: задание ${jobId} зависло (его воркер упал?); оно будет выполнено снова`),
    );
    worker.on("failed", (job, error) => {
      if (!job || !isFinalFailure(job, error)) return;
      reportFailedJob(deps, queue, job, error);
      if (queue === RUNS_QUEUE) {
        metrics.runFinished("failed");
        recordFailedRun(deps, job, error).catch((recordError: Error) =>
          logger.warn(`Не удалось записать прогон ${job.id}: ${recordError.message}`),
        );
      }
    });
    worker.run().catch((error: Error) => logger.error(`Обработчик очереди ${queue} остановился: ${error.message}`));
    return worker;
  };
  return { workers: [make(RUNS_QUEUE, 1), make(BOOKS_QUEUE, config.INGEST_CONCURRENCY)], activeJobs: () => active };
}
