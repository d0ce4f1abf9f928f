// A real process that starts error tracking exactly as the services do and then fails the way
// TRACKED_SCENARIO says: a reported failure with secrets in its message, an unhandled rejection,
// an uncaught exception. Run by error-tracking.test.ts with `node --import tsx`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, secretValues } from "../../src/config/index.js";
import { reportFailure, startErrorTracking } from "../../src/error-reporting/index.js";
import { closeLogger, createLogger } from "../../src/logging/index.js";

const config = parseConfig(process.env);
const scenario = process.env.TRACKED_SCENARIO ?? "report";
const logger = createLogger({
  service: "worker",
  level: "info",
  dir: process.env.LOG_DIR ?? mkdtempSync(join(tmpdir(), "tracked-logs-")),
  secrets: secretValues(config),
  console: false,
});
const tracker = startErrorTracking({
  dsn: config.SENTRY_DSN,
  service: "worker",
  generation: () => "20240501T120000000Z-abcdef",
  secrets: secretValues(config),
  onUnhandledRejection: scenario === "rejection-continue" ? "continue" : "exit",
  load: process.env.TRACKED_LOAD === "first-report" ? "first-report" : "start",
  logger,
});

// What leaks look like: the values an error message could carry when a call fails.
const leaky = () =>
  new Error(
    `request failed: https://api.telegram.org/bot${config.TELEGRAM_BOT_TOKEN}/sendMessage ` +
      `key ${config.OPENAI_API_KEY} redis ${config.REDIS_URL} dsn ${config.SENTRY_DSN} ` +
      `old dsn https://public:dsn-secret-value@o1.ingest.sentry.io/2`,
  );

if (scenario === "report") {
  // An SDK loaded at start is in memory within moments; on a loaded machine, allow up to 20 s.
  // (One loaded only by the report itself would never appear here.)
  for (let waited = 0; waited < 20_000 && !("__SENTRY__" in globalThis); waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  process.stdout.write(`sdk loaded before the report: ${"__SENTRY__" in globalThis}\n`);
  await reportFailure({ logger, tracker }, "Job failed for good", leaky(), { jobId: "run-42", queue: "ingest-runs" });
  await tracker.flush(5000);
  process.stdout.write(`sdk loaded: ${"__SENTRY__" in globalThis}\n`);
  await closeLogger(logger);
} else if (scenario === "rejection-exit" || scenario === "rejection-continue") {
  // Give the lazily imported SDK time to install its handlers, as a service has before it fails.
  await tracker.flush(5000);
  void Promise.reject(leaky());
  setTimeout(async () => {
    await tracker.flush(5000);
    process.stdout.write("still running\n");
    await closeLogger(logger);
  }, 500);
} else if (scenario === "uncaught") {
  await tracker.flush(5000);
  setTimeout(() => {
    throw leaky();
  }, 0);
}
