// For the CLI's short-lived commands that prune generations (inline ingest, restore, `index
// follow --once`): which generations other hosts' heartbeats name, so retention keeps them.
// Only asked on a multi-host deployment (CLUSTER_TOKEN set); a single host prunes as before,
// without Redis. Throws when Redis cannot be read: the caller then prunes nothing.
import type { AppConfig } from "@ai-library/shared/config";

export function servedByHostsLookup(config: AppConfig): (() => Promise<string[]>) | undefined {
  if (!config.CLUSTER_TOKEN) return undefined;
  return async () => {
    const notice = await import("@ai-library/shared/notice");
    const redis = await notice.connectProducer(config.REDIS_URL, { connectTimeoutMs: 2_000 });
    try {
      return await notice.generationsServedByHosts(redis, config.QUEUE_PREFIX);
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  };
}

/** Prunes beyond INDEX_KEEP_GENERATIONS, keeping what other hosts serve; nothing when that cannot be known. */
export async function pruneKeepingServed(
  store: { prune(keep: number, alsoKeep?: Iterable<string>): string[] },
  keep: number,
  servedByHosts: (() => Promise<readonly string[]>) | undefined,
  warn: (message: string) => void,
): Promise<string[]> {
  let served: readonly string[] = [];
  if (servedByHosts) {
    try {
      served = await servedByHosts();
    } catch (error) {
      warn(
        `Старые поколения не удалены: не удалось узнать, какие обслуживают другие хосты (${(error as Error).message})`,
      );
      return [];
    }
  }
  return store.prune(keep, served);
}
