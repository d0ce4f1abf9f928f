// The worker's error tracking through the real worker process, real Redis and a local server
// that speaks Sentry's envelope protocol: a job that failed for good is reported with the
// service, the job id, its queue and the live generation it built on; a damaged book is a
// warning grouped by its kind; the bot token in the environment never leaves the process.
import { JOB_NAMES } from "@ai-library/shared/queue";
import { type SentryStandin, startSentryStandin } from "@ai-library/standins/sentry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBrokenPdf, writeTextBook } from "./helpers/books.js";
import { startReadyWorker, stopWorker, type WorkerProcess } from "./helpers/processes.js";
import { createTestEnv, type TestEnv } from "./helpers/test-env.js";

const TOKEN = "7123456789:AAFakeTokenForTestsOnly_abcdefghijk123";

let sentry: SentryStandin;
let world: TestEnv;
let worker: WorkerProcess;
let liveId: string;

beforeAll(async () => {
  sentry = await startSentryStandin();
  world = await createTestEnv({ SENTRY_DSN: sentry.dsn, TELEGRAM_BOT_TOKEN: TOKEN });
  worker = await startReadyWorker(world.env);
  writeTextBook(world.books, "bees.txt", "Пчёлы и липовый мёд");
  const first = await world.enqueue();
  if (first.status !== "enqueued") throw new Error(`first run not enqueued: ${first.status}`);
  expect((await world.waitForRun(first.runId)).phase).toBe("published");
  liveId = world.store.liveId() ?? "";
});

afterAll(async () => {
  await stopWorker(worker);
  await world.cleanup();
  await sentry.close();
});

describe("worker with SENTRY_DSN", () => {
  it("sends nothing while jobs succeed", () => {
    expect(sentry.envelopes).toEqual([]);
  });

  it("reports a damaged book as a warning with its job id, queue, kind and the live generation", async () => {
    writeBrokenPdf(world.books);
    const run = await world.enqueue();
    if (run.status !== "enqueued") throw new Error(`run not enqueued: ${run.status}`);
    await world.waitForRun(run.runId);
    const [event] = await sentry.waitForEvents(1);
    expect(event?.level).toBe("warning");
    expect(event?.tags).toMatchObject({
      service: "worker",
      queue: "ingest-books",
      book_error: "corrupt",
      generation: liveId,
    });
    expect(event?.tags?.job_id).toMatch(new RegExp(`^${run.runId}`));
    expect(event?.fingerprint).toEqual(["book-failed", "corrupt"]);
  });

  it("reports a job that fails for good for any other reason as an error, logged on one ERROR line", async () => {
    const before = sentry.events().length;
    // A producer that does not keep the contract (a book id that is no hash): the job fails at once, unretried.
    const payload = { v: 1, runId: "r", file: "x.txt", absPath: "/x.txt", bookId: "not-a-hash", bytes: 1 } as const;
    const job = await world.queues.books.add(JOB_NAMES.book, { ...payload, format: "txt" }, { jobId: "malformed-1" });
    const events = await sentry.waitForEvents(before + 1);
    const event = events[before];
    expect(event?.level).toBe("error");
    expect(event?.tags).toMatchObject({
      service: "worker",
      queue: "ingest-books",
      job_id: job.id,
      generation: world.store.liveId(),
    });
    expect(worker.log()).toMatch(/ERROR \[worker\] Задание книги malformed-1 окончательно не выполнено: .*"stack":/);
    for (const { raw } of sentry.envelopes) expect(raw).not.toContain("AAFakeToken");
  });
});
