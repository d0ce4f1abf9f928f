// Fault 1: kill -9 the worker ten times in one ingest, at seeded points spread over the run
// (nine while books are being prepared, one while the new generation is being written), and
// restart it each time — but never a third time into the same job (see the loop). A reader
// verifies the live generation continuously throughout: it must never see a broken one. The run then completes with exactly the chunks of a clean ingest of
// the same books, and nothing half-built is left in INDEX_DIR.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openIndexStore } from "@ai-library/shared/index";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTextBook } from "../../../../apps/worker/test/helpers/books.js";
import { duplicateChunkCount } from "../../../../apps/worker/test/helpers/expected-chunks.js";
import { runCli, startWorker, stopWorker, type WorkerProcess } from "../../../../apps/worker/test/helpers/processes.js";
import { createTestEnv, type TestEnv } from "../../../../apps/worker/test/helpers/test-env.js";
import { createSeededRandom, seedFromEnv } from "../support/seeded-random.js";
import { suiteLogDir } from "../support/suite-logs.js";
import { recordFigures, secondsSince } from "./support/figures.js";
import { indexDirLeftovers } from "./support/index-dir-leftovers.js";
import { startLiveGenerationReader } from "./support/live-generation-reader.js";

const KILLS = 10;
// Kills are timed by worker life, not by books done: a worker restarted under tsx needs seconds to
// start and then, on an idle machine, finishes several small books in well under a second (a plan
// keyed to "after N books" found the run already finished before its last kills). Each of kills
// 1–9 lands a seeded 0–200 ms after the worker says it consumes, so a life finishes a few books at
// most; 40 books keep the run going through all nine on a fast machine, and on a slow one the
// rule below (never a third kill into one job) still lets books finish.
const NEW_BOOKS = 40;
const PARAGRAPHS = 150;

type KillPoint = { kind: "life"; delayMs: number } | { kind: "publish" };

/** Kills 1–9: a seeded 0–200 ms into a worker's life; the tenth as soon as the run's publish job starts. */
function killPlan(seed: number): KillPoint[] {
  const random = createSeededRandom(seed);
  const plan: KillPoint[] = Array.from({ length: KILLS - 1 }, () => ({
    kind: "life" as const,
    delayMs: Math.round(random.between(0, 200)),
  }));
  plan.push({ kind: "publish" });
  return plan;
}

/**
 * The jobs running now, by name, with how often each was already taken from a dead worker and
 * when it was last taken (BullMQ sets processedOn each time a worker takes a job).
 */
async function activeJobs(world: TestEnv): Promise<{ name: string; stalls: number; takenAt: number }[]> {
  const [books, runs] = await Promise.all([world.queues.books.getActive(), world.queues.runs.getActive()]);
  return [
    ...books.map((job) => ({ name: String(job.data.file), stalls: job.stalledCounter, takenAt: job.processedOn ?? 0 })),
    ...runs.map((job) => ({ name: "publish", stalls: job.stalledCounter, takenAt: job.processedOn ?? 0 })),
  ];
}

/** Jobs waiting to be taken again, such as one a killed worker left behind, with their stalls so far. */
async function waitingJobs(world: TestEnv): Promise<{ name: string; stalls: number }[]> {
  const [books, runs] = await Promise.all([world.queues.books.getWaiting(), world.queues.runs.getWaiting()]);
  return [
    ...books.map((job) => ({ name: String(job.data.file), stalls: job.stalledCounter })),
    ...runs.map((job) => ({ name: "publish", stalls: job.stalledCounter })),
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const publishing = (indexDir: string) => readdirSync(indexDir).some((name) => name.startsWith(".tmp-"));

async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("fault: kill -9 of the worker during one ingest", () => {
  let world: TestEnv;
  const cleanIndex = mkdtempSync(join(tmpdir(), "faults-clean-index-"));
  let worker: WorkerProcess | undefined;

  beforeEach(async () => {
    // A 12 s lock, not the 2 s of the worker tests: on a loaded CI machine a short lock can lapse
    // while the worker is alive (embedding a book keeps its event loop busy; 6 s lapsed once with
    // the whole suite running), which BullMQ counts as one more stall of that job.
    world = await createTestEnv({
      INGEST_CONCURRENCY: "1",
      INGEST_LOCK_SECONDS: "12",
      LOG_DIR: suiteLogDir("faults-kill9-worker"),
    });
  });

  afterEach(async () => {
    if (worker) await stopWorker(worker);
    await world.cleanup();
    rmSync(cleanIndex, { recursive: true, force: true });
  });

  it("10 kills at seeded points: live generation valid throughout, run completes exactly, no temp dirs", async () => {
    const seed = seedFromEnv(process.env, "FAULTS_SEED");
    const plan = killPlan(seed);
    console.log(`[faults] kill -9 seed ${seed} (replay with FAULTS_SEED=${seed}); plan ${JSON.stringify(plan)}`);
    const indexDir = world.config.INDEX_DIR;

    writeTextBook(world.books, "seed-lighthouse.txt", "Маяк на мысе Гром", 40);
    const first = await runCli(["ingest", "--inline"], world.env);
    expect(first.code, first.stderr).toBe(0);
    const liveBefore = world.store.liveId();
    for (let n = 0; n < NEW_BOOKS; n++)
      writeTextBook(world.books, `book-${String(n).padStart(2, "0")}.txt`, `Тема ${n}`, PARAGRAPHS);

    const reader = startLiveGenerationReader(indexDir);
    const startedAt = Date.now();
    const landings: { activeJobs: string[]; books: number; midPublish: boolean; lifeSeconds: number }[] = [];
    const killsPerJob = new Map<string, number>();
    let bornAt = Date.now();
    worker = startWorker(world.env);
    const { runId } = await world.enqueue();
    for (const point of plan) {
      const victim = worker;
      await victim.waitForLog(/берёт задания индексации/, 60_000);
      if (point.kind === "life") {
        await sleep(point.delayMs);
      } else {
        // The run's publish job starts once every book is done; it assembles, writes and swaps
        // the generation in well under a second on an idle machine, so this kill goes in as soon
        // as the job (or its temp directory) shows.
        await until(
          async () => publishing(indexDir) || (await world.queues.runs.getActive()).length > 0,
          "the publish to start",
        );
      }
      // A job interrupted by three worker deaths is failed on purpose (maxStalledCount 2: the
      // guard against a book that kills the worker every time). A restarted worker takes the
      // recovered job first, so a plan of kills shortly after each restart would hit one job
      // again and again; such a point moves on until the victim's jobs have died at most once
      // before. Only jobs the victim took count: a dead worker's job stays listed as active
      // until its lock lapses (INGEST_LOCK_SECONDS), and waiting on it let the victim finish
      // dozens of books before the kill (seen on a loaded machine).
      // A job already interrupted twice must also be done before the kill, not just absent from
      // the victim's list: sampled with none taken, the victim could take it in the moment before
      // the kill lands (seen once: a third interruption failed book-02).
      // killsPerJob can undercount: a job the victim takes between this check and the kill dies
      // unseen. BullMQ's own count (stalledCounter) catches up once the job is recovered, and a job
      // still listed as active under a dead worker (taken before this victim was born; one worker
      // at a time) has one interruption not yet counted; so a job's interruptions are the larger
      // of the two (seen once without this: a third interruption failed a book, seed 1316206660).
      let running: string[] = [];
      let victimJobs: string[] = [];
      await until(async () => {
        const [jobs, waiting] = await Promise.all([activeJobs(world), waitingJobs(world)]);
        const taken = jobs.filter((job) => job.takenAt >= bornAt);
        running = jobs.map((job) => job.name);
        victimJobs = taken.map((job) => job.name);
        const interruptions = new Map(killsPerJob);
        const noteInterruptions = (name: string, count: number) =>
          interruptions.set(name, Math.max(count, interruptions.get(name) ?? 0));
        for (const job of jobs) noteInterruptions(job.name, job.stalls + (job.takenAt < bornAt ? 1 : 0));
        for (const job of waiting) noteInterruptions(job.name, job.stalls);
        const twiceInterrupted = [...interruptions].filter(([, count]) => count >= 2).map(([name]) => name);
        const unfinished = new Set([...running, ...waiting.map((job) => job.name)]);
        return (
          taken.every((job) => (interruptions.get(job.name) ?? 0) < 2) &&
          twiceInterrupted.every((name) => !unfinished.has(name))
        );
      }, "a job not yet interrupted twice");
      for (const name of victimJobs) killsPerJob.set(name, (killsPerJob.get(name) ?? 0) + 1);
      const midPublish = running.includes("publish") || publishing(indexDir);
      victim.child.kill("SIGKILL");
      expect((await victim.exited).signal).toBe("SIGKILL");
      landings.push({
        activeJobs: victimJobs,
        books: await world.queues.books.getCompletedCount(),
        midPublish,
        lifeSeconds: secondsSince(bornAt),
      });
      expect(
        (await world.progress(runId)).phase,
        `the run finished before kill ${landings.length} (${JSON.stringify(point)}) landed; landings ${JSON.stringify(landings)}`,
      ).not.toBe("published");
      bornAt = Date.now();
      worker = startWorker(world.env);
    }
    const lastRestart = Date.now();
    const done = await world.waitForRun(runId, 120_000);
    const recoverySeconds = secondsSince(lastRestart);
    const readerReport = await reader.stop();

    expect(done.phase, worker.log()).toBe("published");
    expect(readerReport.violations).toEqual([]);
    expect(readerReport.checks).toBeGreaterThan(KILLS);
    // Readers only ever saw the old generation, then the new one: never a third, half-built state.
    expect(readerReport.generations).toEqual([liveBefore, done.record?.generationId]);
    // The planned publish kill, and any book kill whose delay outlasted the last book.
    expect(landings.filter((landing) => landing.midPublish).length).toBeGreaterThanOrEqual(1);
    const stalls = Object.fromEntries(
      (await world.queues.books.getJobs(["completed", "failed"])).map((job) => [job.data.file, job.stalledCounter]),
    );
    console.log(`[faults] kill -9 landings ${JSON.stringify(landings)}; stalls per book ${JSON.stringify(stalls)}`);
    const failedBooks = await world.queues.books.getFailed();
    expect(failedBooks.map((job) => `${job.data.file}: ${job.failedReason}`)).toEqual([]);

    const clean = await runCli(["ingest", "--inline", "--json"], { ...world.env, INDEX_DIR: cleanIndex });
    expect(clean.code, clean.stderr).toBe(0);
    const cleanChunks = (JSON.parse(clean.stdout) as { chunkCount: number }).chunkCount;
    expect(done.record?.chunkCount).toBe(cleanChunks);
    const live = await openIndexStore(indexDir).openLive();
    try {
      expect(live.manifest.books).toHaveLength(NEW_BOOKS + 1);
      expect(duplicateChunkCount(live)).toBe(0);
    } finally {
      live.close();
    }

    expect(indexDirLeftovers(indexDir)).toEqual([]);
    // Staged books are deleted once published; only a write cut by a kill may leave a stray temp file.
    const stagingDir = join(indexDir, "staging");
    const staged = existsSync(stagingDir)
      ? readdirSync(stagingDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
      : [];
    const strayTemps = staged.filter((entry) => entry.name.endsWith(".tmp"));
    expect(staged.filter((entry) => !entry.name.endsWith(".tmp")).map((entry) => entry.name)).toEqual([]);

    recordFigures("kill-9", {
      seed,
      killsSurvived: landings.length,
      landings,
      readerChecks: readerReport.checks,
      chunks: cleanChunks,
      secondsToFinishAfterLastRestart: recoverySeconds,
      totalSeconds: secondsSince(startedAt),
      stallsPerBook: stalls,
      strayStagingTempFiles: strayTemps.length,
    });
  });
});
