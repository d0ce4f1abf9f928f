// Read-only view of the ingest queue for /status. The bot never enqueues; it opens a
// short-lived, fail-fast connection per request, so Redis being down costs one slow
// /status ("Redis is unavailable"), never the bot's answers. While the bot-wide breaker has Redis
// marked unreachable, it is not even tried: a frozen Redis accepts the connection and never
// answers its ready check, and /status (or a /metrics scrape) would wait for the whole outage.
import type { HostServing, QueueStatus } from "@ai-library/shared/queue";

/** `hosts`: what each host's heartbeat says it serves (several hosts, docs/deploy.md); empty on one host. */
export type QueueSnapshot =
  | ({ available: true; hosts: HostServing[] } & QueueStatus)
  | { available: false; reason: string };

/** For metrics: the status, or a rejection when Redis cannot be read. */
export function requireAvailable(read: () => Promise<QueueSnapshot>): () => Promise<QueueStatus> {
  return async () => {
    const snapshot = await read();
    if (!snapshot.available) throw new Error(snapshot.reason);
    return snapshot;
  };
}

export interface QueueStatusReaderOptions {
  redisUrl: string;
  prefix: string;
  timeoutMs?: number;
  /** True while Redis is known to be unreachable (the bot-wide breaker's `down`). */
  redisDown?: () => boolean;
}

export function createQueueStatusReader(options: QueueStatusReaderOptions) {
  return async (): Promise<QueueSnapshot> => {
    if (options.redisDown?.()) return { available: false, reason: "Redis недоступен (не ответил боту)" };
    // Loaded on first use: BullMQ takes seconds to import, and the bot should answer sooner.
    const { connectProducer, listServingHosts, openIngestQueues, readQueueStatus } = await import(
      "@ai-library/shared/queue"
    );
    let connection: Awaited<ReturnType<typeof connectProducer>> | undefined;
    try {
      connection = await connectProducer(options.redisUrl, { connectTimeoutMs: options.timeoutMs ?? 3000 });
      const queues = openIngestQueues(connection, options.prefix);
      try {
        const hosts = await listServingHosts(connection, options.prefix);
        return { available: true, hosts, ...(await readQueueStatus(queues, connection)) };
      } finally {
        await queues.close();
      }
    } catch (error) {
      return { available: false, reason: (error as Error).message };
    } finally {
      connection?.disconnect();
    }
  };
}
