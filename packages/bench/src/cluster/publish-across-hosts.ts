// From a publish to both bot hosts serving it, at library size: the publisher host's `index
// serve`, two bot hosts with their own INDEX_DIR kept by `index follow`, real bots (webhook, search
// process) — each in its own network namespace. The publish is the synthetic library grown by
// one book (apps/bot/bench/synthetic-library.ts), its notice sent as the worker sends it; the clock
// starts at the notice and stops when each bot's log says it serves the new generation (download,
// sha256 of every file, the follower's verification, LIVE, the bot's own load and smoke query).
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  botServes,
  type Cluster,
  type HostProcess,
  indexHostEnv,
  type NetworkHost,
  startCluster,
  startGenerationServer,
  startIndexFollower,
} from "@ai-library/cluster";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { announceGeneration, connectProducer } from "@ai-library/shared/notice";
import { ensureSyntheticLibrary } from "../../../../apps/bot/bench/synthetic-library.js";

const TOKEN = `bench-cluster-token-${"q3".repeat(20)}`;
const BOOK_CHUNKS = 1000;

export interface PublishAcrossHosts {
  chunks: number;
  /** Bytes one host downloads: the new generation's files. */
  generationBytes: number;
  /** Seconds from the notice to each bot serving the new generation. */
  botSeconds: number[];
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function measurePublishAcrossHosts(options: {
  chunks: number;
  work: string;
}): Promise<PublishAcrossHosts> {
  const embedder = createLocalHashedEmbedder({ dims: 384 });
  const indexDir = join(options.work, "publisher-index");
  const booksDir = join(options.work, "books");
  mkdirSync(booksDir, { recursive: true });
  // The bots start on this generation (startCluster copies the folder to each bot host).
  await ensureSyntheticLibrary(indexDir, options.chunks, embedder);
  let cluster: Cluster | undefined;
  const processes: HostProcess[] = [];
  try {
    cluster = await startCluster({ replicas: 2, indexDir, booksDir, extraHosts: ["publisher"] });
    const [publisher] = cluster.extraHosts as [NetworkHost];
    const shared = { redisUrl: cluster.redis.url, prefix: cluster.prefix, token: TOKEN };
    processes.push(
      await startGenerationServer(
        publisher,
        indexHostEnv(shared, publisher, { indexDir, logDir: join(options.work, "publisher-logs") }),
      ),
    );
    for (const bot of cluster.bots) {
      const env = indexHostEnv(shared, bot.host, { indexDir: bot.indexDir, logDir: join(bot.dataDir, "sync-logs") });
      // A reconcile only at start: the new generation can come only by the notice.
      processes.push(startIndexFollower(bot.host, publisher, env, 3600));
    }
    await new Promise((resolve) => setTimeout(resolve, 5_000)); // the followers' start-up reconcile
    const grown = await ensureSyntheticLibrary(indexDir, options.chunks + BOOK_CHUNKS, embedder);
    const generationDir = join(indexDir, "generations", grown.generationId);
    const manifest = grown.store.list().find((entry) => entry.id === grown.generationId)?.manifest;
    const generationBytes = Object.keys(manifest?.files ?? {}).reduce(
      (sum, file) => sum + statSync(join(generationDir, file)).size,
      0,
    );
    const redis = await connectProducer(cluster.redis.url);
    const started = performance.now();
    try {
      await announceGeneration(redis, cluster.prefix, {
        generationId: grown.generationId,
        publishedAt: new Date().toISOString(),
      });
    } finally {
      await redis.quit();
    }
    const botSeconds: number[] = [];
    await Promise.all(
      cluster.bots.map(async (bot, at) => {
        await waitUntil(
          `${bot.host.name} to serve ${grown.generationId}`,
          () => botServes(bot, grown.generationId),
          600_000,
        );
        botSeconds[at] = (performance.now() - started) / 1000;
      }),
    );
    return { chunks: options.chunks + BOOK_CHUNKS, generationBytes, botSeconds };
  } finally {
    await Promise.all(processes.map((process) => process.stop("SIGTERM", 10_000)));
    await cluster?.close();
  }
}
