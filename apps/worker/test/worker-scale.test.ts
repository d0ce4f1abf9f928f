// Several worker processes share one Redis: the books of a run are split between them, and
// runs publish one at a time, each generation following the one before it.
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { bookJobResultSchema } from "@ai-library/shared/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTextBooks } from "./helpers/books.js";
import { startReadyWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

describe("two worker processes", () => {
  let world: TestEnv;
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    world = await createTestEnv({ INGEST_CONCURRENCY: "1" });
    workers = await Promise.all([startReadyWorker(world.env), startReadyWorker(world.env)]);
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await world.cleanup();
  });

  it("split the books of one run between them", async () => {
    writeTextBooks(world.books, 8);
    const done = await world.waitForRun((await world.enqueue()).runId);
    expect(done.phase).toBe("published");
    expect(done.record?.counts?.indexed).toBe(8);

    const completed = await world.queues.books.getCompleted();
    const byWorker = new Map<string, number>();
    for (const job of completed) {
      const result = bookJobResultSchema.parse(job.returnvalue);
      byWorker.set(result.worker, (byWorker.get(result.worker) ?? 0) + 1);
    }
    expect([...byWorker.keys()].sort()).toEqual(workers.map((worker) => `${hostname()}:${worker.pid}`).sort());
    expect([...byWorker.values()].reduce((a, b) => a + b, 0)).toBe(8);
  });

  it("publish concurrent runs one after the other", async () => {
    const folders = ["shelf-a", "shelf-b"].map((name) => join(world.dir, name));
    folders.forEach((folder, index) => {
      mkdirSync(folder);
      writeTextBooks(folder, 3, `shelf${index}`);
    });
    const before = world.store.liveId();
    const runs = await Promise.all(folders.map((folder) => world.enqueue({ folder })));
    const finished = await Promise.all(runs.map((run) => world.waitForRun(run.runId)));
    expect(finished.map((run) => run.phase)).toEqual(["published", "published"]);
    expect(await world.queues.runs.getGlobalConcurrency()).toBe(1);

    // Serialised publishes form a chain: before → first → second, none built on a stale live.
    const [first, second] = finished
      .map((run) => run.record)
      .sort((x, y) => String(x?.generationId).localeCompare(String(y?.generationId)));
    expect(first?.previousId).toBe(before);
    expect(second?.previousId).toBe(first?.generationId);
    expect(world.store.liveId()).toBe(second?.generationId);
  });
});
