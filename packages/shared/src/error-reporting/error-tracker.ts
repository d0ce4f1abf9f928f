// What the services report to error tracking (Sentry when SENTRY_DSN is set): an error plus the
// context that finds it again — which job, which queue, which generation was live. The service
// name and the generation are added by the tracker itself.

export type TrackedService = "bot" | "worker" | "cli";

export interface FailureContext {
  /** BullMQ job id (a run id for run jobs). */
  jobId?: string;
  queue?: string;
  /** The generation the failure concerns; default: the one the process serves or builds on. */
  generation?: string;
  /** "warning" for failures that are expected now and then (a damaged book); default "error". */
  level?: "fatal" | "error" | "warning";
  /** Reached no handler: an uncaught exception or unhandled rejection. */
  unhandled?: boolean;
  /** Small, stable values to filter by (phase of an answer, a book's error kind). */
  tags?: Record<string, string>;
  /** Errors with the same fingerprint are one issue in Sentry (e.g. every encrypted book). */
  fingerprint?: string[];
}

export interface ErrorTracker {
  /** True when reports are sent somewhere (SENTRY_DSN set). */
  readonly enabled: boolean;
  /** Reports the error; resolves when it has been handed to the sender (not when delivered). */
  capture(error: unknown, context?: FailureContext): Promise<void>;
  /** Waits up to `timeoutMs` for reports in flight; call before the process exits. */
  flush(timeoutMs?: number): Promise<void>;
}

/** Without SENTRY_DSN: nothing is loaded and nothing is sent. */
export const noErrorTracking: ErrorTracker = {
  enabled: false,
  capture: async () => {},
  flush: async () => {},
};
