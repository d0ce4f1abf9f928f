// kill -9 of one bot replica under load, across real network separation: 200 users ask 5
// questions each (1000 updates), posted by the Telegram host to nginx with Telegram's retries;
// halfway through, one of the two bot hosts' bot is killed. Every update must be answered
// exactly once: the killed replica's unfinished updates come back (nginx 502, Telegram posts
// them again; 503 while the dead replica's claims last, at most their 15 s lease, no longer
// renewed) and are served by the other replica; none is answered twice.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestLibrary, type TestLibrary } from "../../../apps/bot/test/e2e/test-library.js";
import { type Cluster, type LoadReport, startCluster } from "../src/index.js";

const USERS = 200;
const FIRST_USER = 50_000;
const QUESTIONS = [
  "Кто зажигал огонь маяка каждый вечер?",
  "Сколько камней лежит в саду монастыря Рёан-дзи?",
  "Что смотритель записывал в вахтенный журнал?",
  "Чем монахи расчёсывают белый гравий?",
  "Кто чистил линзы маяка?",
];

let library: TestLibrary;
let cluster: Cluster | undefined;

beforeAll(async () => {
  library = await createTestLibrary();
  const ingest = await library.ingest();
  if (!ingest.published) throw new Error(`the test library was not published: ${ingest.failure}`);
  cluster = await startCluster({
    replicas: 2,
    indexDir: library.indexDir,
    booksDir: library.booksDir,
    retryDelayMs: 500,
  });
});

afterAll(async () => {
  await cluster?.close();
  library?.cleanup();
});

describe("a bot replica killed under load", () => {
  it("loses no answer and duplicates none (200 users × 5 questions, kill -9 halfway)", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const { telegram, bots } = cluster;
    const load: Promise<LoadReport> = telegram.runLoad({
      users: USERS,
      firstUserId: FIRST_USER,
      questions: QUESTIONS,
      questionsPerUser: QUESTIONS.length,
      answerTimeoutMs: 120_000,
    });
    // Halfway: both replicas busy, updates in flight on each.
    for (;;) {
      const { answered } = await telegram.progress();
      if (answered >= (USERS * QUESTIONS.length) / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const atKill = await telegram.progress();
    const killed = bots[0];
    await cluster.killBot(0);
    expect((await killed?.process.exited)?.signal).toBe("SIGKILL");

    const report = await load;
    // Late duplicates would arrive after the last user's answer: give them time to show.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const counts = await telegram.chatCounts();

    expect(atKill.answered).toBeLessThan(USERS * QUESTIONS.length);
    expect(report.updates).toBe(USERS * QUESTIONS.length);
    expect(report.deliveredUpdates).toBe(USERS * QUESTIONS.length);
    expect(report.unanswered).toBe(0);
    // The kill hit updates in flight: their posts failed and were retried.
    expect(Object.values(report.failedPosts).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0);
    const users = Array.from({ length: USERS }, (_, n) => String(FIRST_USER + n));
    const wrong = users.filter((chat) => counts.messages[chat] !== QUESTIONS.length);
    expect(wrong.map((chat) => `${chat}: ${counts.messages[chat] ?? 0}`)).toEqual([]);
    expect(counts.total).toBe(USERS * QUESTIONS.length);
    // Both replicas served before the kill (nginx's log: upstream address per request).
    const served = new Set(cluster.nginx.accessLog().map((line) => line.split(" ")[0]));
    for (const bot of bots) expect(served).toContain(bot.upstream);
    console.info(
      `kill-replica: ${report.updates} updates in ${((report.finishedAt - report.startedAt) / 1000).toFixed(1)} s, ` +
        `killed at ${atKill.answered} answers; failed posts retried: ${JSON.stringify(report.failedPosts)}`,
    );
  });

  it("leaves no namespace or process of the run behind after close", async () => {
    const namespaces = cluster?.network.hosts.map((host) => host.namespace) ?? [];
    await cluster?.close();
    cluster = undefined;
    const left = execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
    for (const namespace of namespaces) expect(left).not.toContain(namespace);
  });
});
