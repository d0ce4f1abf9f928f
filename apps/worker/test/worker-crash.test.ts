// What a dying worker leaves behind. kill -9 in the middle of a run: the live index stays
// untouched and valid, a restarted worker recovers the stalled job and the run completes with
// exactly the chunks of an inline ingest. SIGTERM: the worker exits 0 within its bound and
// hands the unfinished book back to the queue without spending an attempt.

import { join } from "node:path";
import { writeManyPagesPdf } from "@ai-library/book-fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTextBooks } from "./helpers/books.js";
import { duplicateChunkCount, expectedChunkCount } from "./helpers/expected-chunks.js";
import { startReadyWorker, startWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

describe("worker crashes and shutdowns", () => {
  let world: TestEnv;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    world = await createTestEnv({ INGEST_CONCURRENCY: "1" });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map(stopWorker));
    await world.cleanup();
  });

  it("kill -9 mid-run: live index intact throughout, restart completes the run with no duplicate chunks", async () => {
    writeTextBooks(world.books, 3, "old");
    workers.push(await startReadyWorker(world.env));
    const first = await world.waitForRun((await world.enqueue()).runId);
    const liveBefore = first.record?.generationId;
    expect(liveBefore).toBeDefined();

    writeTextBooks(world.books, 5, "new");
    const seenLive = new Set<string | undefined>();
    const watcher = setInterval(() => seenLive.add(world.store.liveId()), 50);
    try {
      const { runId } = await world.enqueue();
      const victim = workers[0] as WorkerProcess;
      await victim.waitForLog(/Подготовлена книга new-\d+\.txt/);
      expect(await world.queues.books.getActiveCount()).toBeGreaterThanOrEqual(1);
      victim.child.kill("SIGKILL");
      expect((await victim.exited).signal).toBe("SIGKILL");

      expect(world.store.liveId()).toBe(liveBefore);
      const untouched = await world.store.openLive(); // verifies every checksum
      untouched.close();
      expect((await world.progress(runId)).phase).not.toBe("published");

      const rescuer = await startReadyWorker(world.env);
      workers.push(rescuer);
      const done = await world.waitForRun(runId, 90_000);
      expect(done.phase, JSON.stringify(done)).toBe("published");
      expect(rescuer.log()).toMatch(/задание \S+ зависло/);

      expect(done.record?.chunkCount).toBe(await expectedChunkCount(world.config, world.books));
      const live = await world.store.openLive();
      try {
        expect(live.manifest.books).toHaveLength(8);
        expect(duplicateChunkCount(live)).toBe(0);
      } finally {
        live.close();
      }
    } finally {
      clearInterval(watcher);
    }
    // A loaded machine may not run the 50 ms watcher between the publish and here; look once more.
    seenLive.add(world.store.liveId());
    // Readers only ever saw the old generation or the new one, never a half-built state.
    expect([...seenLive].sort()).toEqual([liveBefore, world.store.liveId()].sort());
  });

  it("SIGTERM: stops taking jobs, hands the active book back within the bound and exits 0", async () => {
    // 2000 pages take seconds to parse: the job is still parsing when the grace period ends.
    await writeManyPagesPdf(join(world.books, "long.pdf"), 2000, { lineText: "A page of a long book" });
    const env = { ...world.env, WORKER_SHUTDOWN_SECONDS: "1" };
    const worker = startWorker(env);
    workers.push(worker);
    await worker.waitForLog(/берёт задания индексации/);
    const { runId } = await world.enqueue();
    await expect.poll(() => world.queues.books.getActiveCount(), { timeout: 30_000 }).toBe(1);

    const stoppedAt = Date.now();
    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(worker.log()).toMatch(/они отменяются и вернутся в очередь/);
    expect(worker.log()).toMatch(/Задание ingest-book \S+ возвращено в очередь/);

    const [book] = await world.queues.books.getWaiting();
    expect(book?.data.file).toBe("long.pdf");
    expect(book?.attemptsMade).toBe(0);
    expect(await world.queues.books.getFailedCount()).toBe(0);

    workers.push(await startReadyWorker(world.env));
    expect((await world.waitForRun(runId, 90_000)).phase).toBe("published");
  });
});
