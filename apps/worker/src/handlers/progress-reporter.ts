// Reports a job's progress without flooding Redis or leaving promises unhandled: updates are
// sent one at a time, and an update that arrives while one is in flight replaces the pending one.

import type { Logger } from "@ai-library/shared/logging";
import type { Job } from "bullmq";

export interface JobProgressReporter<T extends object> {
  report(progress: T): void;
  /** Waits until the last reported progress has been written. */
  flush(): Promise<void>;
}

export function createJobProgressReporter<T extends object>(job: Job, logger: Logger): JobProgressReporter<T> {
  let pending: T | undefined;
  let writing: Promise<void> = Promise.resolve();
  let busy = false;

  const drain = async (): Promise<void> => {
    busy = true;
    while (pending) {
      const next = pending;
      pending = undefined;
      try {
        await job.updateProgress(next);
      } catch (error) {
        // Progress is for display only: a failed update must never fail the job.
        logger.debug(`Не удалось обновить прогресс задания ${job.id}: ${(error as Error).message}`);
      }
    }
    busy = false;
  };

  return {
    report(progress) {
      pending = progress;
      if (!busy) writing = drain();
    },
    flush: () => writing,
  };
}
