// The few worker metrics this service keeps itself; the operations issue adds dashboards.
import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

export interface WorkerMetrics {
  registry: Registry;
  jobs: Counter<"queue" | "outcome">;
  activeJobs: Gauge<"queue">;
  ingestionEnabled: Gauge;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "ai_library_worker_" });
  return {
    registry,
    jobs: new Counter({
      name: "ai_library_worker_jobs_total",
      help: "Jobs finished, by queue and outcome",
      labelNames: ["queue", "outcome"],
      registers: [registry],
    }),
    activeJobs: new Gauge({
      name: "ai_library_worker_active_jobs",
      help: "Jobs being processed now",
      labelNames: ["queue"],
      registers: [registry],
    }),
    ingestionEnabled: new Gauge({
      name: "ai_library_worker_ingestion_enabled",
      help: "1 when the worker takes jobs, 0 when INGESTION_ENABLED=false",
      registers: [registry],
    }),
  };
}
