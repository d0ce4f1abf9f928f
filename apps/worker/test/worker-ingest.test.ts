// A run through the real worker process: enqueue → the worker parses, embeds and publishes →
// `ask` answers from the new book; a broken book is reported while the others are indexed;
// a duplicate trigger does no work twice; bots hear about the new generation over pub/sub.
import { closeSync, copyFileSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { INDEX_FILE, ownSegmentOf, readManifest } from "@ai-library/shared/index";
import { type GenerationNotice, subscribeToGenerations } from "@ai-library/shared/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBrokenPdf, writePdf, writeTextBook, writeTextBooks } from "./helpers/books.js";
import { expectedChunkCount } from "./helpers/expected-chunks.js";
import { runCli, startReadyWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

describe("ingest through the worker", () => {
  let world: TestEnv;
  let worker: WorkerProcess;
  const notices: GenerationNotice[] = [];
  let unsubscribe: () => Promise<void>;

  beforeAll(async () => {
    world = await createTestEnv();
    writeTextBooks(world.books, 3);
    copyFileSync(join(world.books, "book-00.txt"), join(world.books, "book-00-copy.txt"));
    await writePdf(world.books, "saturn.pdf", "кольца Сатурна", 3);
    writeBrokenPdf(world.books);
    const subscription = await subscribeToGenerations({
      redisUrl: world.config.REDIS_URL,
      prefix: world.config.QUEUE_PREFIX,
      onNotice: (notice) => notices.push(notice),
      onError: () => {},
    });
    unsubscribe = () => subscription.close();
    worker = await startReadyWorker(world.env);
  });

  afterAll(async () => {
    await stopWorker(worker);
    await unsubscribe();
    await world.cleanup();
  });

  it("publishes the books, reports the broken one and the duplicate, and loses or duplicates no chunk", async () => {
    const enqueued = await world.enqueue();
    expect(enqueued.status).toBe("enqueued");
    const done = await world.waitForRun(enqueued.runId);
    const record = done.record;

    expect(done.phase, JSON.stringify(done)).toBe("published");
    expect(record?.counts).toEqual({ indexed: 4, unchanged: 0, failed: 1, duplicate: 1 });
    expect(record?.failedBooks).toEqual([expect.objectContaining({ file: "broken.pdf", errorKind: "corrupt" })]);
    expect(record?.pages).toBe(3);
    expect(world.store.liveId()).toBe(record?.generationId);

    expect(record?.chunkCount).toBe(await expectedChunkCount(world.config, world.books));
    const live = await world.store.openLive();
    try {
      const files = live.manifest.books.map((book) => book.file);
      expect(files).toHaveLength(4);
      expect(files).toEqual(expect.arrayContaining(["book-01.txt", "book-02.txt", "saturn.pdf"]));
      // One of the two identical files is indexed, the other reported as its duplicate.
      const duplicate = ["book-00.txt", "book-00-copy.txt"].find((file) => !files.includes(file));
      expect(duplicate).toBeDefined();
    } finally {
      live.close();
    }
    await expect.poll(() => notices.map((notice) => notice.generationId)).toContain(record?.generationId);
  });

  it("answers `ask` from a book added by the next run, re-embedding only that book", async () => {
    writeTextBook(world.books, "comets.txt", "хвост кометы Галлея");
    const enqueued = await world.enqueue();
    const done = await world.waitForRun(enqueued.runId);
    expect(done.record?.counts).toMatchObject({ indexed: 1, unchanged: 4 });
    expect(done.record?.embeddedChunks).toBeGreaterThan(0);
    expect(done.record?.embeddedChunks).toBeLessThan(done.record?.chunkCount ?? 0);

    const asked = await runCli(["ask", "--json", "--k", "3", "Что известно про хвост кометы Галлея?"], world.env);
    expect(asked.code, asked.stderr).toBe(0);
    const answer = JSON.parse(asked.stdout) as { sources: { file: string }[] };
    expect(answer.sources[0]?.file).toBe("comets.txt");
  });

  it("does not run the same work twice when the same ingest is triggered again", async () => {
    const first = await world.enqueue();
    expect(first.status).toBe("already-live");
    const counts = await world.queues.books.getJobCounts("waiting", "paused", "active", "delayed");
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(0);

    const forced = await world.enqueue({ force: true });
    expect(forced.status).toBe("enqueued");
    const again = await world.enqueue({ force: false });
    expect(again.status).toBe("already-live");
    const done = await world.waitForRun(forced.runId);
    expect(done.record?.counts).toMatchObject({ indexed: 0, unchanged: 5 });
    expect(done.record?.embeddedChunks).toBe(0);
  });

  it("re-embeds the books of a damaged live generation instead of failing the run", async () => {
    const damagedId = world.store.liveId() ?? "";
    // Bit rot in the vectors: manifest.json still lists every book, the checksums no longer match.
    const fd = openSync(join(world.store.generationDir(damagedId), INDEX_FILE), "r+");
    writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, 128);
    closeSync(fd);

    const forced = await world.enqueue({ force: true });
    const done = await world.waitForRun(forced.runId);
    expect(done.phase, JSON.stringify(done)).toBe("published");
    expect(done.record?.counts).toMatchObject({ indexed: 5, unchanged: 0 });
    expect(done.record?.embeddedChunks).toBe(done.record?.chunkCount);
    expect(world.store.liveId()).not.toBe(damagedId);
    expect(worker.log()).toContain(`Живое поколение ${damagedId} повреждено`);
  });

  it("after a run that leaves many removed rows, folds the live generation into one segment and tells the bots", async () => {
    const before = readManifest(world.store.generationDir(world.store.liveId() ?? ""));
    if (!before.ok) throw new Error(before.fault);
    // Not book-00.txt: its identical copy would take its place.
    const biggest = [...before.manifest.books]
      .filter((book) => !book.file.startsWith("book-00"))
      .sort((a, b) => b.chunkCount - a.chunkCount)[0];
    if (!biggest) throw new Error("no books");
    // Its rows become dead in the segment the next generation keeps: above the worker's threshold.
    expect(biggest.chunkCount / before.manifest.chunkCount).toBeGreaterThanOrEqual(0.15);
    rmSync(join(world.books, biggest.file));
    const enqueued = await world.enqueue();
    const done = await world.waitForRun(enqueued.runId);
    expect(done.phase, JSON.stringify(done)).toBe("published");
    const published = done.record?.generationId ?? "";
    await expect.poll(() => world.store.liveId(), { timeout: 30_000 }).not.toBe(published);
    const folded = world.store.liveId() ?? "";
    expect(ownSegmentOf(world.store.generationDir(folded)).id).toBe("main");
    expect(worker.log()).toContain(`Сегменты поколения ${published} сведены в одно: ${folded}`);
    await expect.poll(() => notices.map((notice) => notice.generationId)).toContain(folded);
    const asked = await runCli(["ask", "--json", "--k", "3", "Что известно про хвост кометы Галлея?"], world.env);
    expect(asked.code, asked.stderr).toBe(0);
    expect((JSON.parse(asked.stdout) as { sources: { file: string }[] }).sources[0]?.file).toBe("comets.txt");
  });
});
