// Ready-made metric sets for the two services, so wiring them is one call each:
//   bot:    createBotServiceMetrics({ library, store, logger, queue }) → bot.questionReceived() …, index.recordReload(outcome)
//   worker: createWorkerServiceMetrics({ store, logger, ingestionEnabled, readQueue }) → worker.bookIndexed(…) …
// then startMetricsServer({ port, registry, health, logger }).
import type { Registry } from "prom-client";
import type { IndexStore } from "../index/generation/index-store.js";
import { type GenerationManifest, readManifest } from "../index/generation/manifest.js";
import type { Logger } from "../logging/create-logger.js";
import type { LiveGenerations } from "../retrieval/live-generations.js";
import { type BotMetrics, defineBotMetrics } from "./bot-metrics.js";
import { countLoggedErrors } from "./error-log-counter.js";
import { defineIndexMetrics, type IndexMetrics } from "./index-metrics.js";
import { defineQueueMetrics, type QueueMetricsOptions } from "./queue-metrics.js";
import { createMetricsRegistry } from "./registry.js";
import { defineWorkerMetrics, type WorkerMetrics, type WorkerMetricsOptions } from "./worker-metrics.js";

export interface BotServiceMetrics {
  registry: Registry;
  bot: BotMetrics;
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
  return { registry, bot: defineBotMetrics(registry, clock), index };
}

/** The worker serves nothing; its index gauges describe the live generation it builds on. */
function liveManifestReader(store: IndexStore): () => GenerationManifest | undefined {
  let cached: GenerationManifest | undefined;
  return () => {
    const live = store.liveId();
    if (!live) return undefined;
    if (cached?.id !== live) {
      const read = readManifest(store.generationDir(live));
      cached = read.ok ? read.manifest : undefined;
    }
    return cached;
  };
}

export interface WorkerServiceMetrics {
  registry: Registry;
  worker: WorkerMetrics;
  index: IndexMetrics;
}

export function createWorkerServiceMetrics(
  deps: { store: IndexStore; logger?: Logger } & WorkerMetricsOptions,
): WorkerServiceMetrics {
  const registry = createMetricsRegistry({ service: "worker" });
  if (deps.logger) countLoggedErrors(deps.logger, registry);
  const index = defineIndexMetrics(
    registry,
    { served: liveManifestReader(deps.store), liveId: () => deps.store.liveId() },
    deps.clock,
  );
  return { registry, worker: defineWorkerMetrics(registry, deps), index };
}
