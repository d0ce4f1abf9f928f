// The turn store the bot's processes share: Redis (redis-turns.ts) on the bot's shared
// connection, behind the bot-wide breaker. While Redis is marked unreachable, or a command
// fails, the turns are this process's own (`local`), so a lost Redis never costs an answer.
import type { Redis } from "ioredis";
import type { RedisBreaker } from "../app/redis-breaker.js";
import { createRedisTurns } from "./redis-turns.js";
import type { TurnStore } from "./turn-store.js";

export interface SharedTurnsOptions {
  redis: RedisBreaker;
  /** This process's turns, used while Redis cannot be. */
  local: TurnStore;
  prefix: string;
  ttlMs: number;
}

export function sharedTurns({ redis, local, prefix, ttlMs }: SharedTurnsOptions): TurnStore {
  let onRedis: TurnStore | undefined;
  // Made on first use, so the bot connects to Redis only when a question needs it.
  const redisTurns = (client: Redis) => (onRedis ??= createRedisTurns({ redis: client, prefix, ttlMs }));
  return {
    recent: (id) =>
      redis.run(
        (client) => redisTurns(client).recent(id),
        () => local.recent(id),
      ),
    remember: (id, turn) =>
      redis.run(
        (client) => redisTurns(client).remember(id, turn),
        () => local.remember(id, turn),
      ),
    forget: (id) =>
      redis.run(
        (client) => redisTurns(client).forget(id),
        () => local.forget(id),
      ),
  };
}
