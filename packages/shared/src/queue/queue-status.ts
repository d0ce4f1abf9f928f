// What `queue status` shows: is ingestion paused (BullMQ pause) or held (INGESTION_ENABLED=false
// on the workers), how many jobs wait, run or failed, and which worker processes are up.
import type { Redis } from "ioredis";
import type { IngestQueues } from "./ingest-queues.js";
import type { WorkerPresence } from "./payloads.js";
import { listWorkers } from "./worker-presence.js";

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Parent runs waiting for their books. */
  waitingChildren: number;
}

export interface QueueStatus {
  paused: boolean;
  /** When `queue pause` paused it (ISO time); absent when running or paused by other means. */
  pausedSince?: string;
  runs: JobCounts;
  books: JobCounts;
  workers: WorkerPresence[];
  /** Workers that are up but take no jobs because INGESTION_ENABLED=false. */
  heldWorkers: number;
  /** Workers that take jobs. With none, queued runs wait. */
  consumingWorkers: number;
}

async function countsOf(queue: IngestQueues["runs"] | IngestQueues["books"]): Promise<JobCounts> {
  const raw = await queue.getJobCounts(
    "waiting",
    "paused",
    "prioritized",
    "active",
    "delayed",
    "failed",
    "completed",
    "waiting-children",
  );
  const n = (key: string) => raw[key] ?? 0;
  return {
    waiting: n("waiting") + n("paused") + n("prioritized"),
    active: n("active"),
    delayed: n("delayed"),
    failed: n("failed"),
    completed: n("completed"),
    waitingChildren: n("waiting-children"),
  };
}

export async function readQueueStatus(queues: IngestQueues, redis: Redis): Promise<QueueStatus> {
  const [paused, pausedSince, runs, books, workers] = await Promise.all([
    queues.isPaused(),
    queues.pausedSince(),
    countsOf(queues.runs),
    countsOf(queues.books),
    listWorkers(redis, queues.prefix),
  ]);
  const heldWorkers = workers.filter((worker) => !worker.ingestionEnabled).length;
  return {
    paused,
    ...(paused && pausedSince ? { pausedSince } : {}),
    runs,
    books,
    workers,
    heldWorkers,
    consumingWorkers: workers.length - heldWorkers,
  };
}
