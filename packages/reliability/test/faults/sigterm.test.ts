// Fault 5: SIGTERM, as systemd sends it on every stop and deploy. The worker, stopped twice at
// seeded points of one run (once inside a book job, once while it writes the generation), must
// finish or hand back its job within WORKER_SHUTDOWN_SECONDS and exit 0; a restart completes the
// run with every chunk. The bot, stopped during a burst of questions, must exit 0 having either
// answered a question completely or left it unconfirmed for its successor — which then answers
// it: no question lost, none answered twice, no broken message.
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { type Scenario, startScenario } from "../../../../apps/bot/test/e2e/scenario.js";
import { LIGHTHOUSE_TITLE } from "../../../../apps/bot/test/e2e/test-library.js";
import { writeTextBook } from "../../../../apps/worker/test/helpers/books.js";
import { expectedChunkCount } from "../../../../apps/worker/test/helpers/expected-chunks.js";
import { startWorker, stopWorker, type WorkerProcess } from "../../../../apps/worker/test/helpers/processes.js";
import { createTestEnv, type TestEnv } from "../../../../apps/worker/test/helpers/test-env.js";
import { createSeededRandom, seedFromEnv } from "../support/seeded-random.js";
import { suiteLogDir } from "../support/suite-logs.js";
import { startExtraBot } from "./support/extra-bot.js";
import { recordFigures, secondsSince } from "./support/figures.js";

const SHUTDOWN_SECONDS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("fault: SIGTERM during work", () => {
  let world: TestEnv | undefined;
  let worker: WorkerProcess | undefined;
  let scenario: Scenario | undefined;

  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await world?.cleanup();
    await scenario?.close();
  });

  it("worker: SIGTERM inside a book job and inside the publish, exit 0 within the bound, the run completes", async () => {
    const seed = seedFromEnv(process.env, "FAULTS_SEED");
    const random = createSeededRandom(seed);
    console.log(`[faults] SIGTERM seed ${seed} (replay with FAULTS_SEED=${seed})`);
    world = await createTestEnv({
      INGEST_CONCURRENCY: "1",
      WORKER_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS),
      LOG_DIR: suiteLogDir("faults-sigterm-worker"),
    });
    for (let n = 0; n < 6; n++) writeTextBook(world.books, `book-${n}.txt`, `Тема ${n}`, 150);
    const indexDir = world.config.INDEX_DIR;
    const stops: { during: string; exitCode: number | null; drainSeconds: number; handedBack: boolean }[] = [];
    const terminate = async (during: string) => {
      const victim = worker as WorkerProcess;
      const signalledAt = Date.now();
      victim.child.kill("SIGTERM");
      const exit = await victim.exited;
      stops.push({
        during,
        exitCode: exit.code,
        drainSeconds: secondsSince(signalledAt),
        handedBack: /Задание \S+ \S+ возвращено в очередь/.test(victim.log()),
      });
    };

    worker = startWorker(world.env);
    await worker.waitForLog(/берёт задания индексации/, 60_000);
    const { runId } = await world.enqueue();
    await worker.waitForLog(/Подготовлена книга book-\d\.txt/, 60_000);
    await sleep(random.between(0, 500));
    expect(await world.queues.books.getActiveCount()).toBe(1);
    await terminate("book job");

    worker = startWorker(world.env);
    await worker.waitForLog(/берёт задания индексации/, 60_000);
    await expect
      .poll(() => readdirSync(indexDir).some((name) => name.startsWith(".tmp-")), { timeout: 90_000, interval: 10 })
      .toBe(true);
    await sleep(random.between(0, 40));
    await terminate("publish");

    worker = startWorker(world.env);
    const done = await world.waitForRun(runId, 120_000);
    expect(done.phase, worker.log()).toBe("published");
    expect(done.record?.chunkCount).toBe(await expectedChunkCount(world.config, world.books));
    expect(await world.queues.books.getFailedCount()).toBe(0);
    for (const stop of stops) {
      expect(stop.exitCode, stop.during).toBe(0);
      // The bound, plus the seconds a tsx process needs to close its logger and exit.
      expect(stop.drainSeconds, stop.during).toBeLessThan(SHUTDOWN_SECONDS + 5);
    }
    recordFigures("sigterm-worker", { seed, shutdownBoundSeconds: SHUTDOWN_SECONDS, stops });
  });

  it("bot: SIGTERM during a burst of questions — exit 0, each question answered once, completely", async () => {
    scenario = await startScenario({ env: { LOG_DIR: suiteLogDir("faults-sigterm-bot") } });
    const users = Array.from({ length: 30 }, (_, n) => ({ id: 600 + n, languageCode: "ru" }));
    const question = "Кто зажигал огонь маяка?";
    // Half the burst is in flight when SIGTERM lands; the other half keeps arriving, every 40 ms,
    // while the bot stops — those the bot no longer takes must wait for its successor.
    for (const user of users.slice(0, 15)) scenario.standin.sendText(user, question);
    await scenario.standin.waitFor(() => scenario?.standin.sentMessages().length, {
      timeoutMs: 30_000,
      what: "the first answer of the burst",
    });
    const signalledAt = Date.now();
    const stopped = scenario.bot.stop("SIGTERM");
    for (const user of users.slice(15)) {
      scenario.standin.sendText(user, question);
      await sleep(40);
    }
    const exit = await stopped;
    const stopSeconds = secondsSince(signalledAt);
    expect(exit.code, scenario.bot.output()).toBe(0);
    const answeredBeforeStop = users.filter((user) => (scenario?.standin.sentMessages(user.id).length ?? 0) > 0);
    const pendingAfterStop = scenario.standin.pendingUpdates();

    // The successor gets what the stopped bot never confirmed, as Telegram would redeliver it.
    const successor = await startExtraBot(scenario.library.indexDir, scenario.library.booksDir, scenario.standin);
    try {
      await scenario.standin.waitFor(
        () => users.every((user) => (scenario?.standin.sentMessages(user.id).length ?? 0) > 0),
        { timeoutMs: 60_000, what: "every question of the burst to be answered" },
      );
      await sleep(1_000); // a duplicate answer would arrive now
    } finally {
      expect((await successor.stop()).code).toBe(0);
    }
    for (const user of users) {
      const replies = scenario.standin.sentMessages(user.id);
      expect(replies, `chat ${user.id}`).toHaveLength(1);
      expect(replies[0]?.text, `chat ${user.id}`).toContain(LIGHTHOUSE_TITLE);
    }
    // Every message call was accepted as well-formed. (The dead bot's last long poll is answered
    // 409 when its successor polls: the stand-in's way of ending it, not an error of either bot.)
    const refused = scenario.standin.calls.filter((call) => call.method !== "getUpdates" && call.status >= 400);
    expect(refused.map((call) => `${call.method}: ${call.error}`)).toEqual([]);
    recordFigures("sigterm-bot", {
      questions: users.length,
      answeredBeforeExit: answeredBeforeStop.length,
      leftPendingForSuccessor: pendingAfterStop,
      exitSeconds: stopSeconds,
    });
  });
});
