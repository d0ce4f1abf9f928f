// Generations reach every bot host across real network separation (issue 23, item 2): the
// publisher host runs `index serve` and the inline ingest, each of two bot hosts has its own
// INDEX_DIR (no shared disk) kept current by `index follow`, and its bot serves only that
// folder. A publish reaches both bots within 5 s; a rollback on the publisher follows; a bot
// host cut off for 60 s keeps serving its last good generation and catches up once the link is
// back; a file tampered with on the publisher is refused by both hosts, which keep what they had.
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { openIndexStore, ownSegmentOf } from "@ai-library/shared/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestLibrary, type TestLibrary } from "../../../apps/bot/test/e2e/test-library.js";
import {
  botServes,
  indexHostEnv,
  runCliOnHost,
  startGenerationServer,
  startIndexFollower,
  startWorkerOnHost,
} from "../src/hosts/index-hosts.js";
import { type Cluster, type HostProcess, type NetworkHost, startCluster } from "../src/index.js";

const TOKEN = `cluster-token-${"k7".repeat(20)}`;
/** How often a follower reconciles without a notice: bounds the catch-up after a cut heals. */
const SYNC_SECONDS = 2;

let library: TestLibrary;
let cluster: Cluster | undefined;
let publisher: NetworkHost;
let publisherEnv: Record<string, string>;
const followers: HostProcess[] = [];
const processes: HostProcess[] = [];

const liveOf = (indexDir: string) => openIndexStore(indexDir).liveId();

async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/** What a bot host's `index follow` logged (its own log files; stdout has only its first line). */
const followerLog = (dataDir: string) =>
  readdirSync(join(dataDir, "sync-logs"))
    .map((name) => readFileSync(join(dataDir, "sync-logs", name), "utf8"))
    .join("");

function startFollowers(): void {
  if (!cluster) throw new Error("the cluster did not start");
  followers.length = 0;
  for (const bot of cluster.bots) {
    const env = indexHostEnv({ redisUrl: cluster.redis.url, prefix: cluster.prefix, token: TOKEN }, bot.host, {
      indexDir: bot.indexDir,
      logDir: join(bot.dataDir, "sync-logs"),
    });
    const follower = startIndexFollower(bot.host, publisher, env, SYNC_SECONDS);
    followers.push(follower);
    processes.push(follower);
  }
}

/** Publishes the publisher's books folder with the inline ingest, on the publisher host; the new live id. */
async function publish(): Promise<string> {
  const ingest = await runCliOnHost(publisher, ["ingest", "--inline"], publisherEnv);
  expect(ingest.code, ingest.output).toBe(0);
  return liveOf(library.indexDir) ?? "";
}

beforeAll(async () => {
  library = await createTestLibrary();
  const first = await library.ingest();
  if (!first.published) throw new Error(`the test library was not published: ${first.failure}`);
  cluster = await startCluster({
    replicas: 2,
    indexDir: library.indexDir,
    booksDir: library.booksDir,
    extraHosts: ["publisher", "worker2"],
  });
  [publisher] = cluster.extraHosts as [NetworkHost];
  publisherEnv = {
    ...indexHostEnv({ redisUrl: cluster.redis.url, prefix: cluster.prefix, token: TOKEN }, publisher, {
      indexDir: library.indexDir,
      logDir: join(library.root, "publisher-logs"),
    }),
    BOOKS_DIR: library.booksDir,
  };
  processes.push(await startGenerationServer(publisher, publisherEnv));
  startFollowers();
});

afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop("SIGTERM", 10_000)));
  await cluster?.close();
  library?.cleanup();
});

describe("generations across hosts without a shared disk", () => {
  it("a publish reaches both bots within 5 s, each from its own folder", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const before = liveOf(library.indexDir);
    await library.addBeesBook();
    const published = await publish();
    expect(published).not.toBe(before);
    const took = await waitFor(
      "both bots to serve the new generation",
      () => cluster?.bots.every((bot) => botServes(bot, published)) ?? false,
      30_000,
    );
    console.info(`publish → both bots serving ${published}: ${took} ms`);
    expect(took, `both bots served ${published} after ${took} ms`).toBeLessThanOrEqual(5_000);
    for (const bot of cluster.bots) {
      expect(liveOf(bot.indexDir)).toBe(published);
      const check = await runCliOnHost(bot.host, ["index", "check"], { INDEX_DIR: bot.indexDir, LOG_DIR: bot.dataDir });
      expect(check.code, check.output).toBe(0);
    }
  });

  it("a rollback on the publisher reaches both bots", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const current = liveOf(library.indexDir);
    const rollback = await runCliOnHost(publisher, ["index", "rollback"], publisherEnv);
    expect(rollback.code, rollback.output).toBe(0);
    const previous = liveOf(library.indexDir) ?? "";
    expect(previous).not.toBe(current);
    await waitFor(
      "both bots to serve the rolled-back generation",
      () => cluster?.bots.every((bot) => liveOf(bot.indexDir) === previous && botServes(bot, previous)) ?? false,
      30_000,
    );
  });

  it("a bot host cut off for 60 s keeps serving its last good generation and catches up when the cut heals", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const [reachableBot, cutBot] = cluster.bots as [Cluster["bots"][0], Cluster["bots"][0]];
    const kept = liveOf(cutBot.indexDir) ?? "";
    cluster.network.cutOff(cutBot.host.name);
    const cutAt = Date.now();
    try {
      const published = await publish(); // the bees book again, on top of the rolled-back generation
      await waitFor("the reachable bot to switch", () => botServes(reachableBot, published), 30_000);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - cutAt))));
      // Sixty seconds without Redis or the publisher: still up, still on what it had.
      expect(cutBot.process.running(), cutBot.process.output()).toBe(true);
      expect(liveOf(cutBot.indexDir)).toBe(kept);
      expect(botServes(cutBot, published)).toBe(false);
      cluster.network.heal(cutBot.host.name);
      const caughtUp = await waitFor(
        "the healed bot to catch up",
        () => liveOf(cutBot.indexDir) === published && botServes(cutBot, published),
        60_000,
      );
      console.info(`cut healed → the bot host serving ${published}: ${caughtUp} ms`);
      expect(caughtUp, `caught up ${caughtUp} ms after the cut healed`).toBeLessThanOrEqual(30_000);
    } finally {
      if (cluster.network.isCutOff(cutBot.host.name)) cluster.network.heal(cutBot.host.name);
    }
  }, 240_000);

  it("workers on two hosts share a run's books over Redis, and its generation reaches both bots", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const [, workerHost] = cluster.extraHosts as [NetworkHost, NetworkHost];
    const workerEnv = (logDir: string) => ({ ...publisherEnv, LOG_DIR: join(library.root, logDir) });
    const workers = [
      await startWorkerOnHost(publisher, workerEnv("worker-publisher-logs")),
      await startWorkerOnHost(workerHost, workerEnv("worker2-logs")),
    ];
    processes.push(...workers);
    const before = liveOf(library.indexDir);
    const titles = ["Клевер", "Пасека", "Сенокос", "Родник", "Мельница", "Кузница", "Ярмарка", "Паром"];
    for (const [at, title] of titles.entries())
      writeFileSync(
        join(library.booksDir, `village-${at}.md`),
        `# ${title}\n\n${title}: глава о деревне номер ${at}.\n`,
      );
    const run = await runCliOnHost(publisher, ["ingest", "--wait"], publisherEnv);
    expect(run.code, run.output).toBe(0);
    const published = liveOf(library.indexDir) ?? "";
    expect(published).not.toBe(before);
    // Each worker host prepared some of the run's books (one at a time each, eight books).
    for (const worker of workers) expect(worker.output()).toMatch(/Подготовлена книга village-\d\.md/);
    const prepared = workers.flatMap((worker) => worker.output().match(/Подготовлена книга village-\d\.md/g) ?? []);
    expect(new Set(prepared).size).toBe(titles.length);
    await waitFor(
      "both bots to serve the worker's generation",
      () => cluster?.bots.every((bot) => liveOf(bot.indexDir) === published && botServes(bot, published)) ?? false,
      30_000,
    );
    await Promise.all(workers.map((worker) => worker.stop("SIGTERM", 30_000)));
  }, 240_000);

  it("a file tampered with on the publisher is refused by both hosts, which keep their last good generation", async () => {
    if (!cluster) throw new Error("the cluster did not start");
    const good = liveOf(library.indexDir) ?? "";
    // Followers down while the publisher's copy is damaged, so none can take it before the damage.
    await Promise.all(followers.map((follower) => follower.stop("SIGTERM", 10_000)));
    writeFileSync(join(library.booksDir, "orchard.md"), "# Сад\n\nЯблони цветут в мае.\n");
    const tampered = await publish();
    expect(tampered).not.toBe(good);
    // The file this publish wrote; the followers hold the shared segments' files already.
    const own = ownSegmentOf(join(library.indexDir, "generations", tampered)).index;
    const faiss = join(library.indexDir, "generations", tampered, own);
    const fd = openSync(faiss, "r+");
    writeSync(fd, Buffer.from([0xde, 0xad, 0xbe, 0xef]), 0, 4, 100);
    closeSync(fd);
    startFollowers(); // each reconciles at start
    const bots = cluster.bots;
    await waitFor(
      "both followers to refuse the tampered generation",
      () => bots.every((bot) => followerLog(bot.dataDir).includes(`поколение ${tampered} с `)),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${bots.map((bot) => followerLog(bot.dataDir).slice(-3000)).join("\n---\n")}`);
    });
    for (const bot of bots) {
      expect(followerLog(bot.dataDir)).toMatch(
        new RegExp(`поколение ${tampered} с .* отклонено .*${own.replace(/\./g, "\\.")}`),
      );
      expect(liveOf(bot.indexDir)).toBe(good);
      expect(readdirSync(bot.indexDir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
      expect(botServes(bot, tampered)).toBe(false);
      expect(bot.process.running()).toBe(true);
    }
  }, 180_000);
});
