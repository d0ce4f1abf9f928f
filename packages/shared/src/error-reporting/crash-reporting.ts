// Unhandled errors of a process whose Sentry SDK is not loaded yet (the CLI): report them, then
// end the process the way Node would have — the error on stderr, exit code 1. Installing these
// handlers costs nothing; the SDK is imported only when one of them fires.
import type { ErrorTracker } from "./error-tracker.js";

export function reportCrashes(tracker: ErrorTracker, onUnhandledRejection: "exit" | "continue"): void {
  let crashing = false;
  const crash = (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (crashing) return;
    crashing = true;
    void tracker
      .capture(error, { level: "fatal", unhandled: true })
      .then(() => tracker.flush())
      .finally(() => process.exit(1));
  };
  process.on("uncaughtException", crash);
  if (onUnhandledRejection === "exit") process.on("unhandledRejection", crash);
  else process.on("unhandledRejection", (reason) => void tracker.capture(reason, { unhandled: true }));
}
