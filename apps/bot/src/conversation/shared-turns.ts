// The Redis turn store the bot's processes share, on the bot's shared Redis connection
// (app/shared-redis.ts): while Redis is down or frozen its commands fail fast, and
// conversation-memory.ts falls back to this process's memory.
import type { SharedRedis } from "../app/shared-redis.js";
import { createRedisTurns } from "./redis-turns.js";
import type { TurnStore } from "./turn-store.js";

export interface SharedTurnsOptions {
  prefix: string;
  ttlMs: number;
}

export function sharedTurns(redis: SharedRedis, options: SharedTurnsOptions): TurnStore {
  let turns: Promise<TurnStore> | undefined;
  // On first use, so the bot connects to Redis only when a question needs it.
  const store = () => {
    turns ??= redis.client().then((client) => createRedisTurns({ redis: client, ...options }));
    return turns;
  };
  return {
    recent: async (id) => (await store()).recent(id),
    remember: async (id, turn) => (await store()).remember(id, turn),
    forget: async (id) => (await store()).forget(id),
  };
}
