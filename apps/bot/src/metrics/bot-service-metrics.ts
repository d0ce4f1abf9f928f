// The bot's shared metric set on one registry: questions and answers (answer-metrics.ts), the
// index it serves (index metrics, the same as the worker's), logged errors, and — when Redis is
// configured — the ingest queue as seen from outside the workers (queue-metrics.ts).
//   createBotServiceMetrics({ library, store, logger, queue }) → bot.questionReceived() …, index.recordReload(outcome)
// then startMetricsServer({ port, registry, health, logger }).
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  countLoggedErrors,
  createMetricsRegistry,
  defineIndexMetrics,
  type IndexMetrics,
} from "@ai-library/shared/metrics";
import type { LiveGenerations } from "@ai-library/shared/retrieval";
import type { Registry } from "prom-client";
import { type AnswerMetrics, defineAnswerMetrics } from "./answer-metrics.js";
import { defineQueueMetrics, type QueueMetricsOptions } from "./queue-metrics.js";

export interface BotServiceMetrics {
  registry: Registry;
  bot: AnswerMetrics;
  index: IndexMetrics;
}

export function createBotServiceMetrics(deps: {
  library: Pick<LiveGenerations, "current">;
  store: IndexStore;
  logger?: Logger;
  clock?: () => number;
  /** The ingest queue seen from the bot (for the "no worker alive" and "paused too long" alerts). */
  queue?: Omit<QueueMetricsOptions, "clock">;
}): BotServiceMetrics {
  const registry = createMetricsRegistry({ service: "bot" });
  const clock = deps.clock ?? Date.now;
  if (deps.logger) countLoggedErrors(deps.logger, registry);
  const index = defineIndexMetrics(
    registry,
    { served: () => deps.library.current()?.manifest, liveId: () => deps.store.liveId() },
    clock,
  );
  if (deps.queue) defineQueueMetrics(registry, { ...deps.queue, clock });
  return { registry, bot: defineAnswerMetrics(registry, clock), index };
}
