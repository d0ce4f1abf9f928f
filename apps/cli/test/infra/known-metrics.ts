// Every metric name the bot and the worker expose (our definitions plus prom-client's process
// metrics), read from real registries, so alert rules and dashboards can be checked against them.
import { createMetricsRegistry, defineIndexMetrics } from "@ai-library/shared/metrics";
import { defineAnswerMetrics } from "../../../bot/src/metrics/answer-metrics.js";
import { defineQueueMetrics } from "../../../bot/src/metrics/queue-metrics.js";
import { defineWorkerMetrics } from "../../../worker/src/metrics/worker-metrics.js";

export async function knownMetricNames(): Promise<Set<string>> {
  const bot = createMetricsRegistry({ service: "bot" });
  defineAnswerMetrics(bot);
  defineIndexMetrics(bot, { served: () => undefined, liveId: () => undefined });
  defineQueueMetrics(bot, { readQueue: () => Promise.reject(new Error("no Redis here")), pausedAlertSeconds: 3600 });
  const worker = createMetricsRegistry({ service: "worker" });
  defineWorkerMetrics(worker, { ingestionEnabled: true });
  const names = new Set<string>(["up", "ai_library_log_errors_total"]);
  for (const registry of [bot, worker]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      // Histograms expose name_bucket, name_sum and name_count samples.
      for (const value of metric.values) {
        if ("metricName" in value && typeof value.metricName === "string") names.add(value.metricName);
      }
    }
  }
  return names;
}

const PROMQL_WORDS = new Set([
  "sum",
  "max",
  "min",
  "by",
  "on",
  "and",
  "or",
  "unless",
  "rate",
  "increase",
  "histogram_quantile",
  "absent",
  "time",
  "hour",
  "day_of_week",
  "le",
  "bool",
]);

/** Metric names used in a PromQL expression (label names, functions and keywords removed). */
export function metricsIn(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\[[^\]]*\]/g, "[]");
  const byClauses = withoutStrings.replace(/\b(by|on|without|ignoring)\s*\([^)]*\)/g, "");
  return [...byClauses.matchAll(/\b[a-z_][a-z0-9_]*\b/g)]
    .map((match) => match[0])
    .filter((word) => !PROMQL_WORDS.has(word));
}
