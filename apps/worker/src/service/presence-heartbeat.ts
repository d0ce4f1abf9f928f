// Keeps this worker's presence key fresh so `queue status` can say which workers are up and
// whether INGESTION_ENABLED=false holds them. The key expires by itself if the process dies.
import type { Logger } from "@ai-library/shared/logging";
import { announceWorker, type WorkerPresence, withdrawWorker } from "@ai-library/shared/queue";
import type { Redis } from "ioredis";

export interface PresenceHeartbeat {
  stop(): Promise<void>;
}

export function startPresenceHeartbeat(options: {
  connection: Redis;
  prefix: string;
  presence: () => WorkerPresence;
  logger: Logger;
  intervalMs?: number;
}): PresenceHeartbeat {
  const intervalMs = options.intervalMs ?? 5_000;
  const ttlSeconds = Math.ceil((intervalMs * 3) / 1000);
  const beat = async () => {
    try {
      await announceWorker(options.connection, options.prefix, options.presence(), ttlSeconds);
    } catch (error) {
      options.logger.debug(`Пульс присутствия не записан: ${(error as Error).message}`);
    }
  };
  let current = beat();
  const timer = setInterval(() => {
    current = beat();
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await current;
      await withdrawWorker(options.connection, options.prefix, options.presence().workerId).catch(() => undefined);
    },
  };
}
