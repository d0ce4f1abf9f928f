// The one place where queue names, job names and our own Redis keys are spelled. Producers
// (CLI, bot) and consumers (worker) import them from here, never type them again.

/** Parent jobs, one per ingest run: they build and publish a generation once every book is done. */
export const RUNS_QUEUE = "ingest-runs";
/** Child jobs, one per book of a run: parse + chunk + embed, staged on disk for the parent. */
export const BOOKS_QUEUE = "ingest-books";

export const INGEST_QUEUES = [RUNS_QUEUE, BOOKS_QUEUE] as const;
export type IngestQueueName = (typeof INGEST_QUEUES)[number];

export const JOB_NAMES = {
  run: "ingest-run",
  book: "ingest-book",
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/** Which queue carries which job kind (the worker checks it has a handler for each). */
export const QUEUE_OF_JOB: Record<JobName, IngestQueueName> = {
  [JOB_NAMES.run]: RUNS_QUEUE,
  [JOB_NAMES.book]: BOOKS_QUEUE,
};

/** Keys we own next to BullMQ's (BullMQ uses `<prefix>:<queue>:…`; no queue is named "ingest"). */
export const queueKeys = (prefix: string) => ({
  /** List of run ids, newest first, trimmed to RUN_HISTORY_LENGTH. */
  runOrder: `${prefix}:ingest:runs`,
  /** Hash runId → RunRecord JSON. */
  runRecords: `${prefix}:ingest:run-records`,
  /** One key per live worker process, with a TTL, refreshed while the process runs. */
  workerPresence: (workerId: string) => `${prefix}:ingest:workers:${workerId}`,
  workerPresencePattern: `${prefix}:ingest:workers:*`,
  /** When `queue pause` paused the queues (ISO time); removed by `queue resume`. */
  pausedSince: `${prefix}:ingest:paused-since`,
  /** One key per host that serves an index, with a TTL: which generation it serves (HostServing JSON). */
  hostServing: (host: string) => `${prefix}:index:hosts:${host}`,
  hostServingPattern: `${prefix}:index:hosts:*`,
  /** Pub/sub channel: a new index generation is live (payload: GenerationNotice JSON). */
  generationChannel: `${prefix}:index:generation-published`,
});

/** Runs kept in history; older ones are dropped (BullMQ's own job records age out sooner). */
export const RUN_HISTORY_LENGTH = 100;
