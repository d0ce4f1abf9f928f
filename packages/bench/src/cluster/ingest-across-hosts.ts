// Ingest pages/s with the book jobs of one queued run spread over 1 or 2 worker hosts: each
// worker in its own network namespace, reaching the cluster's Redis over the network, limited to
// a share of one core, with the books and INDEX_DIR at the same paths on both (docs/worker.md's
// shared disk; one machine's disk stands in for it). The run is `ingest --wait` from the Redis
// host; pages are the published generation's, time is the run's wall clock.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CpuLimit,
  cgroupCpuQuota,
  createClusterNetwork,
  type HostProcess,
  pinToCore,
  removeStaleClusters,
  runCliOnHost,
  startRedisHost,
  startWorkerOnHost,
} from "@ai-library/cluster";
import { openIndexStore } from "@ai-library/shared/index";

export interface IngestAcrossHosts {
  workerHosts: number;
  pages: number;
  books: number;
  seconds: number;
  pagesPerSecond: number;
  cpuLimit: string;
}

/** The worker hosts' CPU: a cgroup quota of `percent` of one core each, or one core each (taskset). */
function limitFor(host: number, percent: number): CpuLimit {
  return cgroupCpuQuota(`ai-library-bench-ingest-${process.pid}-${host}`, percent) ?? pinToCore(host % 2);
}

export async function measureIngestAcrossHosts(options: {
  books: string[];
  workerHosts: number;
  cpuPercent: number;
}): Promise<IngestAcrossHosts> {
  removeStaleClusters();
  const dir = mkdtempSync(join(tmpdir(), "ai-library-bench-ingest-hosts-"));
  const workerNames = Array.from({ length: options.workerHosts }, (_, n) => `worker${n + 1}`);
  const network = createClusterNetwork(["redis", ...workerNames]);
  const workers: HostProcess[] = [];
  const limits: CpuLimit[] = [];
  try {
    const booksDir = join(dir, "books");
    mkdirSync(booksDir);
    for (const book of options.books) cpSync(book, join(booksDir, book.split("/").at(-1) ?? book));
    mkdirSync(join(dir, "redis"));
    const redis = await startRedisHost(network.host("redis"), join(dir, "redis"));
    const env = {
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `bench-ingest-${process.pid}`,
      INDEX_DIR: join(dir, "index"),
      BOOKS_DIR: booksDir,
      LOG_LEVEL: "warn",
    };
    for (const [at, name] of workerNames.entries()) {
      const limit = limitFor(at, options.cpuPercent);
      limits.push(limit);
      workers.push(
        await startWorkerOnHost(network.host(name), { ...env, LOG_DIR: join(dir, `${name}-logs`) }, limit.launcher),
      );
    }
    const started = performance.now();
    const run = await runCliOnHost(network.host("redis"), ["ingest", "--wait"], {
      ...env,
      LOG_DIR: join(dir, "cli-logs"),
    });
    const seconds = (performance.now() - started) / 1000;
    if (run.code !== 0) throw new Error(`the queued run failed:\n${run.output.slice(-3000)}`);
    const manifest = openIndexStore(env.INDEX_DIR)
      .list()
      .find((generation) => generation.live)?.manifest;
    if (!manifest) throw new Error("the queued run published no generation");
    const pages = manifest.books.reduce((sum, book) => sum + (book.pages ?? 0), 0);
    await redis.process.stop("SIGTERM");
    return {
      workerHosts: options.workerHosts,
      pages,
      books: manifest.books.length,
      seconds,
      pagesPerSecond: pages / seconds,
      cpuLimit: limits[0]?.description ?? "none",
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop("SIGTERM", 30_000)));
    for (const limit of limits) limit.release();
    network.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
