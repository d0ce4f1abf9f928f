// The worker's metric set on one registry: ingestion (worker-metrics.ts), the live generation it
// builds on (index metrics, the same as the bot's) and logged errors.
//   createWorkerServiceMetrics({ store, logger, ingestionEnabled, readQueue }) → worker.bookIndexed(…) …
// then startMetricsServer({ port, registry, health, logger }).
import { type GenerationManifest, type IndexStore, readManifest } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  countLoggedErrors,
  createMetricsRegistry,
  defineIndexMetrics,
  type IndexMetrics,
} from "@ai-library/shared/metrics";
import type { Registry } from "prom-client";
import { defineWorkerMetrics, type WorkerMetrics, type WorkerMetricsOptions } from "./worker-metrics.js";

export interface WorkerServiceMetrics {
  registry: Registry;
  worker: WorkerMetrics;
  index: IndexMetrics;
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
