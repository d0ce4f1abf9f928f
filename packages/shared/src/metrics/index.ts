// What both services' metrics share: a per-process registry, the index gauges and counters,
// the count of logged errors, and the /metrics + /healthz endpoint. The bot's answer and queue
// metrics live in apps/bot/src/metrics, the worker's ingestion metrics in apps/worker/src/metrics.
export { countLoggedErrors } from "./error-log-counter.js";
export { defineIndexMetrics, type IndexMetrics } from "./index-metrics.js";
export { type HealthReport, type MetricsServer, startMetricsServer } from "./metrics-server.js";
export { createMetricsRegistry } from "./registry.js";
