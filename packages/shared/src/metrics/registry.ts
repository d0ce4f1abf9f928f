// One prom-client registry per process (never the global one, so tests and several services in
// one process stay apart), labelled with the service name, with prom-client's process metrics:
// resident memory, CPU, heap, GC, open handles and event-loop lag (nodejs_eventloop_lag_*).
import { collectDefaultMetrics, Registry } from "prom-client";

export type ServiceName = "bot" | "worker" | "index-server" | "index-follower";

export interface RegistryOptions {
  service: ServiceName;
  /** Process metrics; off only where a test wants a registry with nothing else in it. */
  processMetrics?: boolean;
}

export function createMetricsRegistry(options: RegistryOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.processMetrics !== false) {
    // 10 ms sampling: event-loop stalls from a long search show up in nodejs_eventloop_lag_p99_seconds.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  }
  return registry;
}
