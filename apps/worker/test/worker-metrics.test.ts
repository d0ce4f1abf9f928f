// The worker's metrics after a scripted session against a real Redis queue (own prefix,
// obliterated afterwards): jobs by state and the pause flag read at scrape time, books indexed
// and failed by reason, pages, runs, last publish, ingestion enabled; and a Redis outage that
// leaves /metrics answering with queue_readable 0.
import { randomBytes } from "node:crypto";
import { startMetricsServer } from "@ai-library/shared/metrics";
import { openIngestQueues, readQueueStatus } from "@ai-library/shared/queue";
import { freePort } from "@ai-library/standins/net";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { quietLogger } from "../../../packages/shared/test/embeddings/quiet-logger.js";
import { tempStore } from "../../../packages/shared/test/index/generation-helpers.js";
import { ASTRONOMY, publishTexts } from "../../../packages/shared/test/index/text-library.js";
import { sampleValue, scrape } from "../../../packages/shared/test/metrics/scrape.js";
import { createWorkerServiceMetrics } from "../src/metrics/worker-service-metrics.js";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
const queues = openIngestQueues(connection, `test-metrics-${randomBytes(4).toString("hex")}`);

afterAll(async () => {
  await queues.runs.obliterate({ force: true });
  await queues.books.obliterate({ force: true });
  await queues.close();
  await connection.quit();
});

describe("worker metrics", () => {
  it("exposes the queue, the books, the runs and the live generation after a scripted session", async () => {
    const store = tempStore();
    const live = await publishTexts(store, [ASTRONOMY]);
    const now = Date.parse("2024-06-01T10:00:00Z");
    let redisUp = true;
    const metrics = createWorkerServiceMetrics({
      store,
      ingestionEnabled: true,
      clock: () => now,
      readQueue: () => (redisUp ? readQueueStatus(queues, connection) : Promise.reject(new Error("ECONNREFUSED"))),
    });
    await queues.pause();
    for (const name of ["a.pdf", "b.pdf"]) {
      const bookId = name.charCodeAt(0).toString(16).repeat(32);
      await queues.books.add("ingest-book", {
        v: 1,
        runId: "metrics-test",
        file: name,
        absPath: `/books/${name}`,
        bookId,
        bytes: 1000,
        format: "pdf",
      });
    }
    metrics.worker.bookIndexed({ pages: 120, seconds: 4 });
    metrics.worker.bookIndexed({ pages: 30, seconds: 3 });
    metrics.worker.bookIndexed({ seconds: 1 }); // a TXT book: no pages
    metrics.worker.bookFailed("encrypted");
    metrics.worker.bookFailed("encrypted");
    metrics.worker.bookFailed("no_text");
    metrics.worker.runFinished("published");
    metrics.worker.runFinished("failed");
    metrics.worker.ocrPage({ result: "recognised", seconds: 2.5 });
    metrics.worker.ocrPage({ result: "recognised", seconds: 40 });
    metrics.worker.ocrPage({ result: "cached", seconds: 0.2 });
    metrics.worker.ocrPage({ result: "failed", seconds: 120 });
    const server = await startMetricsServer({
      port: await freePort(),
      registry: metrics.registry,
      health: () => ({ ok: redisUp }),
      logger: quietLogger(),
    });
    try {
      const samples = await scrape(server.port ?? 0);
      expect(sampleValue(samples, "ai_library_worker_jobs", { queue: "books", state: "waiting" })).toBe(2);
      expect(sampleValue(samples, "ai_library_worker_jobs", { queue: "runs", state: "active" })).toBe(0);
      expect(sampleValue(samples, "ai_library_worker_queue_paused")).toBe(1);
      expect(sampleValue(samples, "ai_library_worker_queue_readable")).toBe(1);
      expect(sampleValue(samples, "ai_library_worker_books_indexed_total")).toBe(3);
      expect(sampleValue(samples, "ai_library_worker_books_failed_total", { reason: "encrypted" })).toBe(2);
      expect(sampleValue(samples, "ai_library_worker_books_failed_total", { reason: "no_text" })).toBe(1);
      expect(sampleValue(samples, "ai_library_worker_pages_total")).toBe(150);
      expect(sampleValue(samples, "ai_library_worker_pages_per_second")).toBe(10);
      expect(sampleValue(samples, "ai_library_worker_runs_total", { outcome: "published" })).toBe(1);
      expect(sampleValue(samples, "ai_library_worker_runs_total", { outcome: "failed" })).toBe(1);
      expect(sampleValue(samples, "ai_library_worker_last_publish_timestamp_seconds")).toBe(now / 1000);
      expect(sampleValue(samples, "ai_library_worker_ingestion_enabled")).toBe(1);
      expect(sampleValue(samples, "ai_library_ocr_pages_total", { result: "recognised" })).toBe(2);
      expect(sampleValue(samples, "ai_library_ocr_pages_total", { result: "cached" })).toBe(1);
      expect(sampleValue(samples, "ai_library_ocr_pages_total", { result: "failed" })).toBe(1);
      // Only pages Tesseract recognised are timed: cache hits and failures would skew the histogram.
      expect(sampleValue(samples, "ai_library_ocr_page_seconds_count")).toBe(2);
      expect(sampleValue(samples, "ai_library_ocr_page_seconds_sum")).toBe(42.5);
      expect(sampleValue(samples, "ai_library_ocr_page_seconds_bucket", { le: "3" })).toBe(1);
      expect(sampleValue(samples, "ai_library_index_live_generation_info", { generation: live.id })).toBe(1);
      expect(sampleValue(samples, "ai_library_index_live_chunks")).toBe(2);
      expect(samples.every((sample) => sample.labels.service === "worker")).toBe(true);

      await queues.resume();
      metrics.worker.setIngestionEnabled(false);
      redisUp = false;
      const down = await scrape(server.port ?? 0);
      expect(sampleValue(down, "ai_library_worker_queue_readable")).toBe(0);
      expect(sampleValue(down, "ai_library_worker_ingestion_enabled")).toBe(0);
      redisUp = true;
      const back = await scrape(server.port ?? 0);
      expect(sampleValue(back, "ai_library_worker_queue_paused")).toBe(0);
      expect(sampleValue(back, "ai_library_worker_queue_readable")).toBe(1);
    } finally {
      await server.close();
    }
  });
});
