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
      `Не удалось прочитать maxmemory-policy Redis (${(error as Error).message}). Убедитесь, что это "noeviction": ` +
        "при любой другой политике Redis может удалить задания очереди при нехватке памяти.",
    );
    return undefined;
  }
  if (policy !== "noeviction") {
    logger.error(
      `!!! maxmemory-policy Redis — "${policy}", а не "noeviction". При нехватке памяти Redis удалит ` +
        "ключи очереди: прогоны индексации потеряются или выполнятся дважды. Задайте `maxmemory-policy noeviction` " +
        "в redis.conf (или `redis-cli CONFIG SET maxmemory-policy noeviction`) и перезапустите воркер.",
    );
  }
  return policy;
}
