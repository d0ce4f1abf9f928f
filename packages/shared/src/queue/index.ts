export { formatBookFailure, parseBookFailure } from "./book-failure.js";
export { connectProducer, createWorkerConnection, type RedisErrorListener } from "./connections.js";
export {
  type EnqueueRunDeps,
  type EnqueueRunOutcome,
  type EnqueueRunRequest,
  enqueueIngestRun,
} from "./enqueue-run.js";
export {
  BooksFolderMissingError,
  InvalidJobPayloadError,
  JobHandlerRegistryError,
  RedisUnavailableError,
  RunNotFoundError,
  redactRedisUrl,
} from "./errors.js";
export { announceGeneration, type GenerationSubscription, subscribeToGenerations } from "./generation-notice.js";
export {
  announceHostServing,
  generationsServedByHosts,
  listServingHosts,
  withdrawHostServing,
} from "./host-serving.js";
export { type IngestQueues, openIngestQueues } from "./ingest-queues.js";
export {
  BOOK_JOB_OPTIONS,
  RUN_JOB_OPTIONS,
  RUNS_GLOBAL_CONCURRENCY,
  type WorkerTimings,
  workerOptions,
} from "./job-options.js";
export {
  BOOKS_QUEUE,
  INGEST_QUEUES,
  type IngestQueueName,
  JOB_NAMES,
  type JobName,
  QUEUE_OF_JOB,
  queueKeys,
  RUN_HISTORY_LENGTH,
  RUNS_QUEUE,
} from "./names.js";
export * from "./payloads.js";
export { type JobCounts, type QueueStatus, readQueueStatus } from "./queue-status.js";
export { openRunHistory, type RunHistory } from "./run-history.js";
export { bookJobId, deriveRunId, type RunSettings, runSettingsFromConfig } from "./run-id.js";
export { isFinished, type RunPhase, type RunProgress, readRunProgress } from "./run-progress.js";
export { announceWorker, listWorkers, withdrawWorker } from "./worker-presence.js";
