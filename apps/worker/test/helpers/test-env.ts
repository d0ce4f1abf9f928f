// One isolated world per test: temp books/index/log folders, a unique QUEUE_PREFIX, a producer
// connection with the queues and history, and a cleanup that obliterates the queues and deletes
// every Redis key under the prefix.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppConfig, parseConfig } from "@ai-library/shared/config";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";
import {
  connectProducer,
  type EnqueueRunOutcome,
  enqueueIngestRun,
  type IngestQueues,
  isFinished,
  openIngestQueues,
  openRunHistory,
  type RunHistory,
  type RunProgress,
  readRunProgress,
  runSettingsFromConfig,
} from "@ai-library/shared/queue";
import type { Redis } from "ioredis";

export interface TestEnv {
  dir: string;
  books: string;
  env: Record<string, string>;
  config: AppConfig;
  connection: Redis;
  queues: IngestQueues;
  history: RunHistory;
  store: IndexStore;
  enqueue(options?: { folder?: string; force?: boolean }): Promise<EnqueueRunOutcome>;
  progress(runId: string): Promise<RunProgress>;
  waitForRun(runId: string, timeoutMs?: number): Promise<RunProgress>;
  cleanup(): Promise<void>;
}

/** Short lock and stall timings so a killed worker's jobs are recovered within seconds. */
export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), "worker-test-"));
  const books = join(dir, "books");
  mkdirSync(books);
  const env: Record<string, string> = {
    INDEX_DIR: join(dir, "index"),
    LOG_DIR: join(dir, "logs"),
    BOOKS_DIR: books,
    QUEUE_PREFIX: `test-${randomBytes(5).toString("hex")}`,
    WORKER_METRICS_PORT: "0",
    INGEST_LOCK_SECONDS: "2",
    INGEST_STALLED_CHECK_SECONDS: "1",
    WORKER_SHUTDOWN_SECONDS: "5",
    PARSE_TIMEOUT_SECONDS: "60",
    ...overrides,
  };
  const config = parseConfig(env);
  const connection = await connectProducer(config.REDIS_URL);
  const queues = openIngestQueues(connection, config.QUEUE_PREFIX);
  const history = openRunHistory(connection, config.QUEUE_PREFIX);
  const store = openIndexStore(config.INDEX_DIR);
  const progress = (runId: string) => readRunProgress(queues, history, runId);
  return {
    dir,
    books,
    env,
    config,
    connection,
    queues,
    history,
    store,
    enqueue: (options = {}) =>
      enqueueIngestRun(
        { queues, history, settings: runSettingsFromConfig(config), liveGenerationId: () => store.liveId() },
        { folder: options.folder ?? books, ...(options.force ? { force: true } : {}) },
      ),
    progress,
    async waitForRun(runId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await progress(runId);
        if (isFinished(current.phase)) return current;
        if (Date.now() > deadline)
          throw new Error(`run ${runId} not finished after ${timeoutMs} ms: ${JSON.stringify(current)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async cleanup() {
      await queues.runs.obliterate({ force: true }).catch(() => undefined);
      await queues.books.obliterate({ force: true }).catch(() => undefined);
      let cursor = "0";
      do {
        const [next, keys] = await connection.scan(cursor, "MATCH", `${config.QUEUE_PREFIX}:*`, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) await connection.del(...keys);
      } while (cursor !== "0");
      await queues.close();
      await connection.quit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
