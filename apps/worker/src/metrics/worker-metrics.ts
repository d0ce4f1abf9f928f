// The worker's ingestion metrics: jobs by state and the queue's pause flag (read from Redis at
// scrape time), books indexed and failed by reason, pages processed, runs by outcome, the time
// of the last publish, whether this worker takes jobs at all (INGESTION_ENABLED), and OCR of
// scanned pages (pages by result, seconds per recognised page).

import type { BookErrorKind } from "@ai-library/shared/loaders";
import type { QueueStatus } from "@ai-library/shared/queue";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

export type QueueSnapshot = Pick<QueueStatus, "paused" | "runs" | "books">;
export type RunOutcome = "published" | "nothing_published" | "failed";

export interface WorkerMetricsOptions {
  ingestionEnabled: boolean;
  /** Reads the queue (readQueueStatus); failures leave the gauges as they were and set readable 0. */
  readQueue?: () => Promise<QueueSnapshot>;
  clock?: () => number;
}

export interface WorkerMetrics {
  bookIndexed(facts: { pages?: number; seconds: number }): void;
  /** `reason`: the book's error kind (as in `ingest status`), "other" when it has none. */
  bookFailed(reason: BookErrorKind | "other"): void;
  runFinished(outcome: RunOutcome): void;
  setIngestionEnabled(enabled: boolean): void;
  /** One page through OCR: recognised by Tesseract, taken from the OCR cache, or failed. */
  ocrPage(facts: { result: OcrPageResultLabel; seconds: number }): void;
}

export type OcrPageResultLabel = "recognised" | "cached" | "failed";

export function defineWorkerMetrics(registry: Registry, options: WorkerMetricsOptions): WorkerMetrics {
  const registers = [registry];
  const clock = options.clock ?? Date.now;
  // One Redis read per scrape, shared by the gauges below (prom-client collects them concurrently).
  let inFlight: Promise<QueueSnapshot | undefined> | undefined;
  const readOnce = () => {
    inFlight ??= (options.readQueue?.() ?? Promise.resolve(undefined))
      .catch(() => undefined) // Redis down: /metrics still answers, the alert on queue_readable fires
      .finally(() => setImmediate(() => (inFlight = undefined)));
    return inFlight;
  };
  const fromQueue = (name: string, help: string, read: (snapshot: QueueSnapshot | undefined) => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const value = read(await readOnce());
        if (value !== undefined) this.set(value);
      },
    });
  fromQueue("ai_library_worker_queue_readable", "1 when the last scrape could read the queue from Redis", (snapshot) =>
    options.readQueue ? Number(snapshot !== undefined) : undefined,
  );
  fromQueue("ai_library_worker_queue_paused", "1 when the ingest queue is paused", (snapshot) =>
    snapshot ? Number(snapshot.paused) : undefined,
  );
  new Gauge({
    name: "ai_library_worker_jobs",
    help: "Jobs in the ingest queues by queue (runs, books) and state",
    labelNames: ["queue", "state"],
    registers,
    async collect() {
      const snapshot = await readOnce();
      if (!snapshot) return;
      for (const queue of ["runs", "books"] as const) {
        for (const [state, count] of Object.entries(snapshot[queue])) this.set({ queue, state }, count);
      }
    },
  });
  const indexed = new Counter({ name: "ai_library_worker_books_indexed_total", help: "Books indexed", registers });
  const failed = new Counter({
    name: "ai_library_worker_books_failed_total",
    help: "Books that could not be indexed, by reason",
    labelNames: ["reason"],
    registers,
  });
  const pages = new Counter({ name: "ai_library_worker_pages_total", help: "Pages parsed and indexed", registers });
  const pagesPerSecond = new Gauge({
    name: "ai_library_worker_pages_per_second",
    help: "Pages per second of the last indexed book that has pages",
    registers,
  });
  const runs = new Counter({
    name: "ai_library_worker_runs_total",
    help: "Ingest runs finished, by outcome (published, nothing_published, failed)",
    labelNames: ["outcome"],
    registers,
  });
  const lastPublish = new Gauge({
    name: "ai_library_worker_last_publish_timestamp_seconds",
    help: "Unix time this worker last published a generation",
    registers,
  });
  const enabled = new Gauge({
    name: "ai_library_worker_ingestion_enabled",
    help: "1 when this worker takes jobs, 0 when INGESTION_ENABLED=false",
    registers,
  });
  enabled.set(Number(options.ingestionEnabled));
  const ocrPages = new Counter({
    name: "ai_library_ocr_pages_total",
    help: "Scanned pages through OCR, by result (recognised, cached, failed)",
    labelNames: ["result"],
    registers,
  });
  const ocrSeconds = new Histogram({
    name: "ai_library_ocr_page_seconds",
    help: "Seconds to render and recognise one page (pages recognised by Tesseract, not from the cache)",
    buckets: [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60, 120],
    registers,
  });
  return {
    ocrPage({ result, seconds }) {
      ocrPages.inc({ result });
      if (result === "recognised") ocrSeconds.observe(seconds);
    },
    bookIndexed({ pages: count, seconds }) {
      indexed.inc();
      if (count === undefined || count <= 0) return;
      pages.inc(count);
      if (seconds > 0) pagesPerSecond.set(count / seconds);
    },
    bookFailed(reason) {
      failed.inc({ reason });
    },
    runFinished(outcome) {
      runs.inc({ outcome });
      if (outcome === "published") lastPublish.set(clock() / 1000);
    },
    setIngestionEnabled(value) {
      enabled.set(Number(value));
    },
  };
}
