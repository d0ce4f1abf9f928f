// `pnpm bench worker` (or `pnpm --filter @ai-library/worker bench`): the same PDF books
// ingested through 1 and then 2 worker processes (one book at a time each) — books/s and
// pages/s, the speed-up (target ≥ 1.8× on two cores) — BullMQ's own overhead per job, and the
// time from enqueue to a published generation for one small book with a warm worker.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { bookJobResultSchema } from "@ai-library/shared/queue";
import { type Figure, report } from "../../../packages/bench/src/report.js";
import { writeTextBook } from "../test/helpers/books.js";
import { startReadyWorker, stopWorker } from "../test/helpers/processes.js";
import { createTestEnv } from "../test/helpers/test-env.js";
import { writeBenchBooks } from "./bench-books.js";
import { processTreeCpuSeconds } from "./process-cpu.js";
import { measureQueueOverheadMs } from "./queue-overhead.js";

const BOOKS = Number(process.env.BENCH_WORKER_BOOKS ?? 16);
const PAGES = Number(process.env.BENCH_WORKER_PAGES ?? 40);

interface TimedRun {
  /** Wall time from enqueue to the published generation. */
  seconds: number;
  /** Mean time one book job took inside a worker (parse + chunk + embed + stage). */
  meanBookSeconds: number;
  /** CPU seconds per book, all worker processes and their parse children together. */
  cpuPerBookSeconds: number;
  /** 1-minute load average at the end: above the core count, other work competed for the CPU. */
  load: number;
}

/** Ingests the folder from scratch with `processes` worker processes. */
async function timedRun(folder: string, processes: number): Promise<TimedRun> {
  const world = await createTestEnv({
    INGEST_CONCURRENCY: "1",
    INGEST_LOCK_SECONDS: "60",
    INGEST_STALLED_CHECK_SECONDS: "30",
  });
  const workers = await Promise.all(Array.from({ length: processes }, () => startReadyWorker(world.env)));
  try {
    const cpu = () => workers.reduce((sum, worker) => sum + processTreeCpuSeconds(worker.pid), 0);
    const cpuBefore = cpu();
    const started = performance.now();
    const done = await world.waitForRun((await world.enqueue({ folder })).runId, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    if (done.phase !== "published") throw new Error(`bench run not published: ${JSON.stringify(done)}`);
    const jobs = (await world.queues.books.getCompleted()).map((job) => bookJobResultSchema.parse(job.returnvalue));
    return {
      seconds,
      meanBookSeconds: jobs.reduce((sum, job) => sum + job.durationMs, 0) / jobs.length / 1000,
      cpuPerBookSeconds: (cpu() - cpuBefore) / jobs.length,
      load: loadavg()[0] ?? 0,
    };
  } finally {
    await Promise.all(workers.map(stopWorker));
    await world.cleanup();
  }
}

async function enqueueToPublishedMs(): Promise<number> {
  const world = await createTestEnv({ INGEST_CONCURRENCY: "1" });
  const worker = await startReadyWorker(world.env);
  try {
    writeTextBook(world.books, "small.txt", "короткая книга", 20);
    const started = performance.now();
    const done = await world.waitForRun((await world.enqueue()).runId);
    if (done.phase !== "published") throw new Error("small book not published");
    return performance.now() - started;
  } finally {
    await stopWorker(worker);
    await world.cleanup();
  }
}

const work = mkdtempSync(join(tmpdir(), "bench-worker-"));
try {
  const folder = join(work, "books");
  mkdirSync(folder);
  const pages = await writeBenchBooks(folder, BOOKS, PAGES);
  const single = await timedRun(folder, 1);
  const pair = await timedRun(folder, 2);
  const [one, two] = [single.seconds, pair.seconds];
  const overhead = await measureQueueOverheadMs(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const latency = await enqueueToPublishedMs();
  const figures: Figure[] = [
    { name: "1 process: books/s", value: BOOKS / one, unit: "books/s" },
    { name: "1 process: pages/s", value: pages / one, unit: "pages/s" },
    { name: "2 processes: books/s", value: BOOKS / two, unit: "books/s" },
    { name: "2 processes: pages/s", value: pages / two, unit: "pages/s" },
    {
      name: "speed-up, 2 vs 1 process",
      value: one / two,
      unit: "×",
      target: "≥ 1.8× on 2 cores",
      ok: one / two >= 1.8,
    },
    { name: "queue overhead per job (no-op, add→completed)", value: overhead, unit: "ms" },
    { name: "enqueue → published, 1 small book, warm worker", value: latency, unit: "ms" },
  ];
  report("worker", figures, [
    `${BOOKS} PDFs × ${PAGES} pages, INGEST_CONCURRENCY=1 per process, local embedder; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    "each run starts from an empty index (nothing reused); wall time from enqueue to the published generation",
    `mean book job: ${single.meanBookSeconds.toFixed(2)} s with 1 process, ${pair.meanBookSeconds.toFixed(2)} s with 2; ` +
      `CPU per book: ${single.cpuPerBookSeconds.toFixed(2)} s and ${pair.cpuPerBookSeconds.toFixed(2)} s`,
    `load average at the end of each run: ${single.load.toFixed(1)} and ${pair.load.toFixed(1)} ` +
      `(above ${cpus().length}, other processes competed for the cores and the speed-up is understated)`,
  ]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
