// How a CLI command records its failure: the operator's typo (a file or generation that does not
// exist) is a WARN line in logs/ai_library_bot_cli_*.log; anything else is one ERROR line and,
// with SENTRY_DSN set, a Sentry report — delivered before the command exits.
import type { AppConfig } from "@ai-library/shared/config";
import { secretValues } from "@ai-library/shared/config";
import { type ErrorTracker, reportFailure, startErrorTracking } from "@ai-library/shared/error-reporting";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";

export interface CliFailureReporting {
  errors: ErrorTracker;
  /** Logs `what: message` at the right level and sends faults to Sentry; resolves once sent (bounded). */
  reportFailure(what: string, error: unknown): Promise<void>;
}

export function createCliFailureReporting(config: AppConfig, logger: Logger, store: IndexStore): CliFailureReporting {
  const errors = startErrorTracking({
    dsn: config.SENTRY_DSN,
    service: "cli",
    generation: () => store.liveId(),
    secrets: secretValues(config),
    onUnhandledRejection: "exit",
    // Importing the SDK costs about a second; a command that succeeds should not pay it.
    load: "first-report",
    logger,
  });
  return {
    errors,
    async reportFailure(what, error) {
      await reportFailure({ logger, tracker: errors }, what, error);
      await errors.flush();
    },
  };
}
