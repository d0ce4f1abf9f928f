// Where failures go: the log at the right level, and Sentry when SENTRY_DSN is set.
export type { ErrorTracker, FailureContext, TrackedService } from "./error-tracker.js";
export { noErrorTracking } from "./error-tracker.js";
export { asOperatorInput, isOperatorInput } from "./operator-input.js";
export { type FailureDeps, reportFailure } from "./report-failure.js";
export { type ErrorTrackingOptions, startErrorTracking } from "./start-error-tracking.js";
