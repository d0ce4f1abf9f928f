// The one way a failure is recorded: a refusal caused by the operator's input is a WARN line and
// nothing more; any other failure is one ERROR line (its stack in a field, so the entry stays one
// line) and a report to error tracking with the job and generation it concerns.
import type { Logger } from "../logging/create-logger.js";
import type { ErrorTracker, FailureContext } from "./error-tracker.js";
import { isOperatorInput } from "./operator-input.js";

export interface FailureDeps {
  logger: Logger;
  tracker: ErrorTracker;
}

/** Logs `what: message` at the right level; resolves when a report (if any) is handed over. */
export async function reportFailure(
  deps: FailureDeps,
  what: string,
  error: unknown,
  context: FailureContext = {},
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  if (isOperatorInput(error)) {
    deps.logger.warn(`${what}: ${message}`);
    return;
  }
  const fields: Record<string, unknown> = {};
  if (context.jobId !== undefined) fields.jobId = context.jobId;
  if (error instanceof Error && error.stack) fields.stack = error.stack;
  if (context.level === "warning") deps.logger.warn(`${what}: ${message}`, fields);
  else deps.logger.error(`${what}: ${message}`, fields);
  await deps.tracker.capture(error, context);
}
