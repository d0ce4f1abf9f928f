// The ingest queue as the bot sees it from outside the workers: paused and for how long, jobs by
// state, and the worker processes alive, taking jobs or held by INGESTION_ENABLED=false. The bot
// exposes these because it runs when no worker does — "jobs waiting while no worker is alive"
// can only be seen from a process that is not a worker. Read from Redis at scrape time.

import type { QueueStatus } from "@ai-library/shared/queue";
import { Gauge, type Registry } from "prom-client";

export interface QueueMetricsOptions {
  /** readQueueStatus over a connection of the caller's; a rejection sets readable 0. */
  readQueue: () => Promise<QueueStatus>;
  /** QUEUE_PAUSED_ALERT_MINUTES × 60: exported so the alert rule needs no per-site edit. */
  pausedAlertSeconds: number;
  clock?: () => number;
}

export function defineQueueMetrics(registry: Registry, options: QueueMetricsOptions): void {
  const registers = [registry];
  const clock = options.clock ?? Date.now;
  // One Redis read per scrape, shared by the gauges below (prom-client collects them concurrently).
  let inFlight: Promise<QueueStatus | undefined> | undefined;
  const readOnce = () => {
    inFlight ??= options
      .readQueue()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (inFlight = undefined)));
    return inFlight;
  };
  // A queue paused by other means than `queue pause` has no recorded time: counted from when
  // this process first saw it paused.
  let firstSeenPaused: number | undefined;
  const pausedSeconds = (status: QueueStatus) => {
    if (!status.paused) {
      firstSeenPaused = undefined;
      return 0;
    }
    firstSeenPaused ??= clock();
    const since = status.pausedSince ? Date.parse(status.pausedSince) : firstSeenPaused;
    return Math.max(0, (clock() - since) / 1000);
  };
  const fromQueue = (name: string, help: string, read: (status: QueueStatus) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const status = await readOnce();
        if (status) this.set(read(status));
      },
    });
  new Gauge({
    name: "ai_library_queue_readable",
    help: "1 when the last scrape could read the ingest queue from Redis",
    registers,
    async collect() {
      this.set(Number((await readOnce()) !== undefined));
    },
  });
  fromQueue("ai_library_queue_paused", "1 when the ingest queue is paused (queue pause)", (s) => Number(s.paused));
  fromQueue(
    "ai_library_queue_paused_seconds",
    "Seconds the ingest queue has been paused; 0 when running",
    pausedSeconds,
  );
  new Gauge({
    name: "ai_library_queue_paused_alert_seconds",
    help: "QUEUE_PAUSED_ALERT_MINUTES in seconds: AiLibraryQueuePaused fires when paused longer",
    registers,
  }).set(options.pausedAlertSeconds);
  new Gauge({
    name: "ai_library_queue_jobs",
    help: "Jobs in the ingest queues by queue (runs, books) and state",
    labelNames: ["queue", "state"],
    registers,
    async collect() {
      const status = await readOnce();
      if (!status) return;
      for (const queue of ["runs", "books"] as const) {
        for (const [state, count] of Object.entries(status[queue])) this.set({ queue, state }, count);
      }
    },
  });
  new Gauge({
    name: "ai_library_queue_workers",
    help: "Worker processes alive, by ingestion (enabled = take jobs, disabled = held by INGESTION_ENABLED=false)",
    labelNames: ["ingestion"],
    registers,
    async collect() {
      const status = await readOnce();
      if (!status) return;
      this.set({ ingestion: "enabled" }, status.consumingWorkers);
      this.set({ ingestion: "disabled" }, status.heldWorkers);
    },
  });
}
