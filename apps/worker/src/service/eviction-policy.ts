// BullMQ keeps jobs, locks and flows in Redis keys; an eviction policy other than noeviction
// lets Redis silently delete them under memory pressure (lost runs, jobs processed twice).
import type { Logger } from "@ai-library/shared/logging";
import type { Redis } from "ioredis";

export async function warnUnlessNoEviction(connection: Redis, logger: Logger): Promise<string | undefined> {
  let policy: string | undefined;
  try {
    const reply = (await connection.config("GET", "maxmemory-policy")) as string[];
    policy = reply[1];
  } catch (error) {
    logger.warn(
      `Cannot read Redis maxmemory-policy (${(error as Error).message}). Make sure it is "noeviction": ` +
        "with any other policy Redis may drop queued jobs under memory pressure.",
    );
    return undefined;
  }
  if (policy !== "noeviction") {
    logger.error(
      `!!! Redis maxmemory-policy is "${policy}", not "noeviction". Under memory pressure Redis will evict ` +
        "queue keys: ingest runs get lost or run twice. Set `maxmemory-policy noeviction` in redis.conf " +
        "(or `redis-cli CONFIG SET maxmemory-policy noeviction`) and restart the worker.",
    );
  }
  return policy;
}
