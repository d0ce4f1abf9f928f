// The CLI's connection to the ingestion queue: a fail-fast producer connection (an operator
// waits for the answer, so no endless reconnecting) with the queues and the run history over it.
// Shared by `ingest` (queued), `ingest status` and `queue`.
import type { AppConfig } from "@ai-library/shared/config";
import {
  connectProducer,
  type IngestQueues,
  openIngestQueues,
  openRunHistory,
  type RunHistory,
} from "@ai-library/shared/queue";
import type { Redis } from "ioredis";

export interface QueueClient {
  connection: Redis;
  queues: IngestQueues;
  history: RunHistory;
  close(): Promise<void>;
}

export async function openQueueClient(config: AppConfig): Promise<QueueClient> {
  const connection = await connectProducer(config.REDIS_URL);
  const queues = openIngestQueues(connection, config.QUEUE_PREFIX);
  return {
    connection,
    queues,
    history: openRunHistory(connection, config.QUEUE_PREFIX),
    async close() {
      await queues.close();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
