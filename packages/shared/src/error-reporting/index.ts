// Where failures go: the log at the right level, and Sentry when SENTRY_DSN is set.
export type { ErrorTracker } from "./error-tracker.js";
export { asOperatorInput } from "./operator-input.js";
export { reportFailure } from "./report-failure.js";
export { startErrorTracking } from "./start-error-tracking.js";
