// Prometheus metrics and the /metrics + /healthz endpoint of the bot and the worker.
export { type AnswerFacts, type BotErrorKind, type BotMetrics, defineBotMetrics } from "./bot-metrics.js";
export { countLoggedErrors } from "./error-log-counter.js";
export { defineIndexMetrics, type IndexMetrics, type IndexStateSource } from "./index-metrics.js";
export {
  type HealthReport,
  type MetricsServer,
  type MetricsServerOptions,
  startMetricsServer,
} from "./metrics-server.js";
export { defineQueueMetrics, type QueueMetricsOptions } from "./queue-metrics.js";
export { createMetricsRegistry, type RegistryOptions, type ServiceName } from "./registry.js";
export {
  type BotServiceMetrics,
  createBotServiceMetrics,
  createWorkerServiceMetrics,
  type WorkerServiceMetrics,
} from "./service-metrics.js";
export {
  defineWorkerMetrics,
  type QueueSnapshot,
  type RunOutcome,
  type WorkerMetrics,
  type WorkerMetricsOptions,
} from "./worker-metrics.js";
