// Job and worker options in one place. Retries use exponential backoff for transient faults
// (Redis blips, 429s, timeouts); permanent book faults are thrown as UnrecoverableError and
// never retried. Completed and failed jobs are bounded so Redis memory stays flat.
import type { JobsOptions, WorkerOptions } from "bullmq";

const DAY_SECONDS = 24 * 60 * 60;

/** Parent job: retried mainly when another publish holds the index lock or the disk hiccups. */
export const RUN_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { count: 200, age: 30 * DAY_SECONDS },
  removeOnFail: { count: 500, age: 90 * DAY_SECONDS },
} satisfies JobsOptions;

/**
 * Child job: a failed book fails only itself. `ignoreDependencyOnFailure` lets the parent run
 * once every child has finished either way and read the failures with getIgnoredChildrenFailures.
 */
export const BOOK_JOB_OPTIONS = {
  attempts: 4,
  backoff: { type: "exponential", delay: 3_000 },
  failParentOnFailure: false,
  ignoreDependencyOnFailure: true,
  removeOnComplete: { count: 10_000, age: 7 * DAY_SECONDS },
  removeOnFail: { count: 10_000, age: 30 * DAY_SECONDS },
} satisfies JobsOptions;

export interface WorkerTimings {
  /** How long a job's lock lasts before it must be renewed (renewed every half of it). */
  lockMs: number;
  /** How often a worker looks for jobs whose lock expired (their worker died). */
  stalledIntervalMs: number;
}

/** Shared worker options; a job may stall twice (two worker deaths) before it is failed. */
export function workerOptions(
  timings: WorkerTimings,
): Pick<WorkerOptions, "lockDuration" | "stalledInterval" | "maxStalledCount" | "autorun"> {
  return {
    lockDuration: timings.lockMs,
    stalledInterval: timings.stalledIntervalMs,
    maxStalledCount: 2,
    autorun: false,
  };
}

/** Only one run publishes at a time, across every worker process sharing this Redis. */
export const RUNS_GLOBAL_CONCURRENCY = 1;
