// Fault 1b (issue 22): kill -9 of an inline ingest while it derives the new generation from the
// live one — base files copied into the temp directory, removed books deleted, the new book
// appended, checksums, fsync, manifest, rename. Five kills at seeded moments spread over the
// publish window (measured first by one unkilled publish of a copy of the index), a reader
// verifying the live generation throughout. Live must stay the old generation, whole, after
// every kill; the final run derives the generation with exactly a clean ingest's books and chunks,
// `index check` passes, and nothing half-built is left in INDEX_DIR.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { labelLayout, readManifest, verifyGeneration } from "@ai-library/shared/index";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTextBook } from "../../../../apps/worker/test/helpers/books.js";
import { runCli } from "../../../../apps/worker/test/helpers/processes.js";
import { createTestEnv, type TestEnv } from "../../../../apps/worker/test/helpers/test-env.js";
import { createSeededRandom, seedFromEnv } from "../support/seeded-random.js";
import { suiteLogDir } from "../support/suite-logs.js";
import { recordFigures } from "./support/figures.js";
import { indexDirLeftovers } from "./support/index-dir-leftovers.js";
import { startLiveGenerationReader } from "./support/live-generation-reader.js";

const KILLS = 5;
const BOOKS = 12;
// Ten CLI runs, each starting Node with tsx: minutes on a loaded machine.
const TIMEOUT_MS = 420_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tempDirs = (indexDir: string) => readdirSync(indexDir).filter((name) => name.startsWith(".tmp-"));

/**
 * Starts `ingest --inline`; resolves when its temp generation shows (`atPublish`) and when it
 * exits. Polls every millisecond: the window from the temp dir to the swap is short.
 */
function startIngest(env: Record<string, string>, indexDir: string) {
  let child: { kill(signal: NodeJS.Signals): boolean } | undefined;
  const before = new Set(tempDirs(indexDir));
  const exited = runCli(["ingest", "--inline"], env, {
    onSpawn: (spawned) => {
      child = spawned;
    },
  });
  let finished = false;
  void exited.finally(() => {
    finished = true;
  });
  const atPublish = (async () => {
    while (!finished && !tempDirs(indexDir).some((name) => !before.has(name))) await sleep(1);
    return performance.now();
  })();
  return { exited, atPublish, kill: () => child?.kill("SIGKILL") };
}

const liveId = (indexDir: string) => readManifestOfLive(indexDir)?.id;
function readManifestOfLive(indexDir: string) {
  const id = readFileSync(join(indexDir, "LIVE"), "utf8").trim();
  const read = readManifest(join(indexDir, "generations", id));
  return read.ok ? read.manifest : undefined;
}

describe("fault: kill -9 while a generation is derived from the live one", () => {
  let world: TestEnv;
  const scratch = mkdtempSync(join(tmpdir(), "faults-derived-"));

  beforeEach(async () => {
    world = await createTestEnv({ LOG_DIR: suiteLogDir("faults-kill9-derived") });
  });

  afterEach(async () => {
    await world.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it(
    "5 kills at seeded moments of the derived publish: live intact throughout, the last run derives exactly",
    async () => {
      const seed = seedFromEnv(process.env, "FAULTS_SEED");
      const random = createSeededRandom(seed);
      const indexDir = world.config.INDEX_DIR;
      for (let n = 0; n < BOOKS; n++) {
        writeTextBook(world.books, `book-${String(n).padStart(2, "0")}.txt`, `Тема ${n}`, 80);
      }
      const first = await runCli(["ingest", "--inline"], world.env);
      expect(first.code, first.stderr).toBe(0);
      const liveBefore = liveId(indexDir);
      // The change to publish: the first book removed (every row after it moves), one renamed, one new.
      rmSync(join(world.books, "book-00.txt"));
      renameSync(join(world.books, "book-07.txt"), join(world.books, "book-07-renamed.txt"));
      writeTextBook(world.books, "new-book.txt", "Новая книга о маяке", 20);

      // The publish window, from one unkilled run on a copy of the index.
      const rehearsal = join(scratch, "rehearsal-index");
      cpSync(indexDir, rehearsal, { recursive: true });
      const dry = startIngest({ ...world.env, INDEX_DIR: rehearsal }, rehearsal);
      const dryStart = await dry.atPublish;
      expect((await dry.exited).code).toBe(0);
      const windowMs = performance.now() - dryStart;
      expect(labelLayout(readManifestOfLive(rehearsal)?.books ?? []).identity).toBe(false);

      const reader = startLiveGenerationReader(indexDir);
      const landings: { delayMs: number; beforeSwap: boolean }[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        // Spread over the window, the last kills late in it (hashing, fsync, manifest, rename).
        const delayMs = Math.round(windowMs * ((kill + random.between(0, 0.9)) / KILLS));
        const run = startIngest(world.env, indexDir);
        await run.atPublish;
        await sleep(delayMs);
        run.kill();
        await run.exited;
        const beforeSwap = liveId(indexDir) === liveBefore;
        landings.push({ delayMs, beforeSwap });
        if (!beforeSwap) break;
        const check = await verifyGeneration(join(indexDir, "generations", liveBefore ?? ""));
        expect(check.faults, `after kill ${kill + 1} at ${delayMs} ms`).toEqual([]);
      }
      console.log(
        `[faults] kill -9 derived publish seed ${seed} (replay with FAULTS_SEED=${seed}); window ${Math.round(windowMs)} ms; landings ${JSON.stringify(landings)}`,
      );
      // A kill that landed after the swap (a slow moment of the machine) ends the series early.
      expect(landings.filter((landing) => landing.beforeSwap).length).toBeGreaterThanOrEqual(3);

      const last = await runCli(["ingest", "--inline"], world.env);
      expect(last.code, last.stderr).toBe(0);
      const readerReport = await reader.stop();
      expect(readerReport.violations).toEqual([]);
      const published = readManifestOfLive(indexDir);
      expect(published?.id).not.toBe(liveBefore);
      expect(labelLayout(published?.books ?? []).identity).toBe(false);
      const check = await runCli(["index", "check"], world.env);
      expect(check.code, check.stderr).toBe(0);

      const clean = await runCli(["ingest", "--inline"], { ...world.env, INDEX_DIR: join(scratch, "clean-index") });
      expect(clean.code, clean.stderr).toBe(0);
      const cleanManifest = readManifestOfLive(join(scratch, "clean-index"));
      const chunksByFile = (books: { file: string; chunkCount: number }[] = []) =>
        Object.fromEntries(books.map((book) => [book.file, book.chunkCount]).sort());
      expect(chunksByFile(published?.books)).toEqual(chunksByFile(cleanManifest?.books));
      expect(published?.chunkCount).toBe(cleanManifest?.chunkCount);

      expect(indexDirLeftovers(indexDir)).toEqual([]);
      expect(existsSync(join(indexDir, "generations", liveBefore ?? ""))).toBe(true);
      recordFigures("kill-9-derived-publish", { seed, windowMs: Math.round(windowMs), landings });
    },
    TIMEOUT_MS,
  );
});
