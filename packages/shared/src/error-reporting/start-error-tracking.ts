// Error tracking with Sentry (@sentry/node) when SENTRY_DSN is set. Without a DSN nothing is
// imported and nothing is sent. Every event carries the service and the generation it concerns
// and is scrubbed of secrets (scrub-event.ts) before it leaves the process. Only error
// integrations are enabled: no tracing, no sessions, no HTTP instrumentation, no ESM loader hooks.
//
// Importing the SDK costs about a second of CPU. The bot and the worker pay it at start, and the
// SDK's own handlers report unhandled errors. The CLI, where a second per command matters, loads
// it at its first report; until then crash-reporting.ts stands in for the SDK's handlers.
import type { Logger } from "../logging/create-logger.js";
import { createRedactor } from "../logging/redact.js";
import { reportCrashes } from "./crash-reporting.js";
import type { ErrorTracker, FailureContext, TrackedService } from "./error-tracker.js";
import { noErrorTracking } from "./error-tracker.js";
import { scrubDeep } from "./scrub-event.js";

type Sentry = typeof import("@sentry/node");

export interface ErrorTrackingOptions {
  /** SENTRY_DSN; undefined = no error tracking at all. */
  dsn: string | undefined;
  service: TrackedService;
  /** The generation the process serves (bot) or builds on (worker, CLI), read when an error is reported. */
  generation: () => string | undefined;
  /** Values to scrub from every report (secretValues(config)). */
  secrets: readonly string[];
  /**
   * What an unhandled promise rejection does besides being reported: "exit" as Node does by
   * default (bot, CLI), "continue" where the process logs it and runs on (worker).
   */
  onUnhandledRejection: "exit" | "continue";
  /** "start" (services) or "first-report" (CLI): when the SDK is imported. */
  load?: "start" | "first-report";
  logger: Logger;
}

function integrations(sentry: Sentry, options: ErrorTrackingOptions) {
  const common = [
    sentry.inboundFiltersIntegration(),
    sentry.functionToStringIntegration(),
    sentry.linkedErrorsIntegration(),
    sentry.nodeContextIntegration(),
    sentry.contextLinesIntegration(),
  ];
  if (options.load === "first-report") return common;
  return [
    ...common,
    // Reports, then exits 1 as Node would have (it exits only when no other handler is installed).
    sentry.onUncaughtExceptionIntegration(),
    sentry.onUnhandledRejectionIntegration({ mode: options.onUnhandledRejection === "exit" ? "strict" : "none" }),
  ];
}

async function initSentry(dsn: string, options: ErrorTrackingOptions): Promise<Sentry> {
  const sentry = await import("@sentry/node");
  const redact = createRedactor(options.secrets);
  sentry.init({
    dsn,
    defaultIntegrations: false,
    integrations: integrations(sentry, options),
    registerEsmLoaderHooks: false,
    sendDefaultPii: false,
    sendClientReports: false,
    initialScope: { tags: { service: options.service } },
    beforeSend(event) {
      event.tags = { ...event.tags, generation: event.tags?.generation ?? options.generation() ?? "none" };
      return scrubDeep(event, redact);
    },
    beforeBreadcrumb: (breadcrumb) => scrubDeep(breadcrumb, redact),
  });
  return sentry;
}

function captureHint(context: FailureContext) {
  const tags: Record<string, string> = { ...context.tags };
  if (context.jobId !== undefined) tags.job_id = context.jobId;
  if (context.queue !== undefined) tags.queue = context.queue;
  if (context.generation !== undefined) tags.generation = context.generation;
  return {
    captureContext: {
      level: context.level ?? "error",
      tags,
      ...(context.fingerprint ? { fingerprint: context.fingerprint } : {}),
    },
    ...(context.unhandled ? { mechanism: { handled: false, type: "auto.node.crash" } } : {}),
  };
}

export function startErrorTracking(options: ErrorTrackingOptions): ErrorTracker {
  const { dsn } = options;
  if (!dsn) return noErrorTracking;
  let sentry: Promise<Sentry | undefined> | undefined;
  // A failed import or init must not take the process down; reports are then dropped.
  const load = () =>
    (sentry ??= initSentry(dsn, options).catch((error: unknown) => {
      options.logger.warn(`Отслеживание ошибок выключено: Sentry не запустился: ${(error as Error).message}`);
      return undefined;
    }));
  const tracker: ErrorTracker = {
    enabled: true,
    async capture(error, context = {}) {
      (await load())?.captureException(error, captureHint(context));
    },
    async flush(timeoutMs = 2000) {
      if (sentry) await (await sentry)?.flush(timeoutMs);
    },
  };
  if (options.load === "first-report") reportCrashes(tracker, options.onUnhandledRejection);
  else void load();
  return tracker;
}
