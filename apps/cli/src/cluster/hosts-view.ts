// The hosts' heartbeats for `index list`, read with a short timeout so a missing Redis costs two seconds at most.
import type { AppConfig } from "@ai-library/shared/config";
import type { HostsView } from "../output/host-table.js";

export async function readHostsView(config: AppConfig): Promise<HostsView> {
  try {
    const notice = await import("@ai-library/shared/notice");
    const redis = await notice.connectProducer(config.REDIS_URL, { connectTimeoutMs: 2_000 });
    try {
      return { known: true, hosts: await notice.listServingHosts(redis, config.QUEUE_PREFIX) };
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  } catch (error) {
    return { known: false, reason: `Redis недоступен (${(error as Error).message.split("\n")[0]})` };
  }
}
