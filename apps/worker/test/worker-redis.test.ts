// The worker and Redis in bad moments, on a private redis-server: it warns loudly when Redis
// may evict queue keys, and a run survives every client connection being dropped mid-run.

import { freePort } from "@ai-library/standins/net";
import { afterEach, describe, expect, it } from "vitest";
import { writeTextBooks } from "./helpers/books.js";
import { expectedChunkCount } from "./helpers/expected-chunks.js";
import { type PrivateRedis, startPrivateRedis } from "./helpers/private-redis.js";
import { startReadyWorker, startWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

describe("worker and Redis", () => {
  let redis: PrivateRedis | undefined;
  let world: TestEnv | undefined;
  let worker: WorkerProcess | undefined;

  afterEach(async () => {
    if (worker) await stopWorker(worker);
    await world?.cleanup();
    await redis?.stop();
    worker = world = redis = undefined;
  });

  it("warns loudly at start-up when maxmemory-policy is not noeviction, and still runs", async () => {
    redis = await startPrivateRedis(["--maxmemory-policy", "allkeys-lru"]);
    world = await createTestEnv({ REDIS_URL: redis.url });
    worker = await startReadyWorker(world.env);
    expect(worker.log()).toMatch(/ERROR .*maxmemory-policy Redis — "allkeys-lru", а не "noeviction"/);
    writeTextBooks(world.books, 1);
    expect((await world.waitForRun((await world.enqueue()).runId)).phase).toBe("published");
  });

  it("rides out a Redis blip: every connection dropped mid-run, the run still publishes exactly", async () => {
    redis = await startPrivateRedis();
    world = await createTestEnv({ REDIS_URL: redis.url, INGEST_CONCURRENCY: "1" });
    expect(world.env.REDIS_URL).toBe(redis.url);
    worker = await startReadyWorker(world.env);
    writeTextBooks(world.books, 5);
    const { runId } = await world.enqueue();
    await worker.waitForLog(/Подготовлена книга book-\d+\.txt/);

    const dropped = await world.connection.client("KILL", "TYPE", "normal", "SKIPME", "yes");
    // Only the worker is connected besides this test connection: its connections were the ones dropped.
    expect(Number(dropped)).toBeGreaterThan(0);
    const done = await world.waitForRun(runId, 90_000);
    expect(done.phase, worker.log()).toBe("published");
    expect(done.record?.chunkCount).toBe(await expectedChunkCount(world.config, world.books));
  });

  it("waits for an unreachable Redis without crashing, and still exits 0 on SIGTERM", async () => {
    const closedPort = await freePort();
    world = await createTestEnv();
    const waiting = startWorker({ ...world.env, REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    await waiting.waitForLog(/Соединение с Redis: .*ECONNREFUSED/);
    waiting.child.kill("SIGTERM");
    expect((await waiting.exited).code).toBe(0);
  });
});
