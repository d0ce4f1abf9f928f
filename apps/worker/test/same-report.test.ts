// Issue 18: the inline ingest (`ingest --inline`) and the queued ingest (book jobs and a run job
// through BullMQ) are one pipeline, so the same library gives the same report: the same line
// per file (status, title, chunks, pages, reason), the same counts and the same chunk count, on
// a first run and on a second run that reuses unchanged books. The queued side runs the worker's
// own handler map in this process, on the real Redis under the test's own queue prefix. A
// scanned DjVu is among the books: its OCR facts are part of its line, and the book job counts
// its pages in the worker's OCR metrics.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeScannedDjvu } from "@ai-library/book-fixtures";
import { parseConfig } from "@ai-library/shared/config";
import { createEmbedderFromConfig } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { type BookOutcome, type IngestReport, ingestSettingsFromConfig, runIngest } from "@ai-library/shared/pipeline";
import { BOOKS_QUEUE, createWorkerConnection, type IngestQueueName, RUNS_QUEUE } from "@ai-library/shared/queue";
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestJobHandlers } from "../src/handlers/ingest-handlers.js";
import { processorForQueue } from "../src/handlers/job-handlers.js";
import { defineWorkerMetrics } from "../src/metrics/worker-metrics.js";
import { openStagingArea } from "../src/staging/staging-area.js";
import { writeBrokenPdf, writePdf, writeTextBook, writeTextBooks } from "./helpers/books.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

/** Report lines in one order: the inline ingest adds books as they finish, several at a time. */
const byFile = (outcomes: BookOutcome[]) => [...outcomes].sort((a, b) => a.file.localeCompare(b.file));

const counts = (report: IngestReport) => {
  const count = (status: BookOutcome["status"]) => report.outcomes.filter((o) => o.status === status).length;
  return {
    indexed: count("indexed"),
    unchanged: count("unchanged"),
    failed: count("failed"),
    duplicate: count("duplicate"),
  };
};

describe("the inline and the queued ingest give the same report", () => {
  let world: TestEnv;
  let workerConnection: Redis;
  const workers: Worker[] = [];
  const queuedReports = new Map<string, IngestReport>();
  const logger = () =>
    createLogger({ service: "same-report", level: "warn", dir: join(world.dir, "logs"), console: false });
  let ingestInline: () => Promise<IngestReport>;
  let ingestQueued: () => Promise<IngestReport>;
  let closeAll: () => Promise<void>;
  const registry = new Registry();
  const metrics = defineWorkerMetrics(registry, { ingestionEnabled: true });

  beforeAll(async () => {
    world = await createTestEnv();
    writeTextBooks(world.books, 2);
    copyFileSync(join(world.books, "book-00.txt"), join(world.books, "book-00-copy.txt"));
    mkdirSync(join(world.books, "shelf"));
    await writePdf(join(world.books, "shelf"), "saturn.pdf", "кольца Сатурна", 3);
    writeBrokenPdf(world.books);
    writeFileSync(join(world.books, "notes.docx"), "not a format the library reads");
    await writeScannedDjvu({
      path: join(world.books, "scan.djvu"),
      title: "Скан",
      pages: ["Смотритель маяка каждый вечер зажигал лампу для кораблей и записывал в журнал толщину льда."],
      dpi: 300,
      encoder: "cjb2",
    });

    const log = logger();
    const settings = ingestSettingsFromConfig(world.config);
    const embedder = createEmbedderFromConfig(world.config, { logger: log, cacheDir: join(world.dir, "cache") });
    // The inline ingest keeps its own index, so each path reuses only what it published itself.
    const inlineConfig = parseConfig({ ...world.env, INDEX_DIR: join(world.dir, "inline-index") });
    const inlineStore = openIndexStore(inlineConfig.INDEX_DIR);
    ingestInline = () => runIngest({ settings, logger: log, embedder, store: inlineStore }, { folder: world.books });

    const handlers = createIngestJobHandlers({
      settings,
      embedder,
      store: world.store,
      staging: openStagingArea(world.store.dir, { embedder, chunking: settings.chunking }),
      history: world.history,
      logger: log,
      workerId: "same-report-test",
      metrics,
      announce: async () => {},
      onReport: (runId, report) => queuedReports.set(runId, report),
    });
    workerConnection = createWorkerConnection(world.config.REDIS_URL, { onError: () => {} });
    const consume = (queue: IngestQueueName, concurrency: number) =>
      new Worker(queue, processorForQueue(queue, handlers), {
        connection: workerConnection,
        prefix: world.config.QUEUE_PREFIX,
        concurrency,
      });
    workers.push(consume(RUNS_QUEUE, 1), consume(BOOKS_QUEUE, settings.concurrency));
    ingestQueued = async () => {
      const enqueued = await world.enqueue();
      expect(enqueued.status).toBe("enqueued");
      const done = await world.waitForRun(enqueued.runId);
      expect(done.phase, JSON.stringify(done)).toBe("published");
      const report = queuedReports.get(enqueued.runId);
      if (!report) throw new Error(`run ${enqueued.runId} finished without a report`);
      // What `ingest status` shows is the same report folded into counts.
      expect(done.record?.counts).toEqual(counts(report));
      expect(done.record?.chunkCount).toBe(report.chunkCount);
      return report;
    };
    closeAll = async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await workerConnection.quit();
      embedder.close();
      await closeLogger(log);
    };
  });

  afterAll(async () => {
    await closeAll?.();
    await world.cleanup();
  });

  const expectSameReport = (inline: IngestReport, queued: IngestReport) => {
    expect(byFile(queued.outcomes)).toEqual(byFile(inline.outcomes));
    expect(counts(queued)).toEqual(counts(inline));
    expect(queued.published).toBe(inline.published);
    expect(queued.chunkCount).toBe(inline.chunkCount);
    expect(queued.embeddedChunks).toBe(inline.embeddedChunks);
  };

  it("on a first run: indexed books with pages, the duplicate, the broken and the unsupported file", async () => {
    const inline = await ingestInline();
    const queued = await ingestQueued();
    expectSameReport(inline, queued);
    expect(counts(inline)).toEqual({ indexed: 4, unchanged: 0, failed: 2, duplicate: 1 });
    expect(inline.outcomes.find((outcome) => outcome.file === "shelf/saturn.pdf")?.pages).toBe(3);
    expect(queued.outcomes.find((outcome) => outcome.file === "scan.djvu")).toMatchObject({
      status: "indexed",
      pages: 1,
      ocr: { textPages: 0, ocrPages: 1, failedPages: [] },
    });
    // The inline ingest recognised the page first; the book job found it in the shared OCR cache.
    const ocrPages = (await registry.getSingleMetric("ai_library_ocr_pages_total")?.get())?.values ?? [];
    expect(ocrPages.map(({ labels, value }) => [labels.result, value])).toEqual([["cached", 1]]);
  });

  it("on a second run: unchanged books keep their pages, only the new book is embedded", async () => {
    writeTextBook(world.books, "comets.txt", "хвост кометы Галлея");
    const inline = await ingestInline();
    const queued = await ingestQueued();
    expectSameReport(inline, queued);
    expect(counts(inline)).toEqual({ indexed: 1, unchanged: 4, failed: 2, duplicate: 1 });
    const saturn = inline.outcomes.find((outcome) => outcome.file === "shelf/saturn.pdf");
    expect(saturn).toMatchObject({ status: "unchanged", pages: 3 });
  });
});
