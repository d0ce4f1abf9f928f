// The Redis turn store the bot's processes share, connected on first use: ioredis takes a while
// to load, and the bot answers /start without it. Commands fail at once while Redis is down (no
// offline queue) and after a second when it is frozen, so conversation-memory.ts falls back
// instead of making a question wait; the connection keeps retrying in the background and is
// used again once it is back.
import { createRedisTurns } from "./redis-turns.js";
import type { TurnStore } from "./turn-store.js";

export interface SharedTurnsOptions {
  redisUrl: string;
  prefix: string;
  ttlMs: number;
}

export interface SharedTurns extends TurnStore {
  close(): void;
}

export function connectSharedTurns(options: SharedTurnsOptions): SharedTurns {
  let closed = false;
  let disconnect = () => {};
  const connecting = import("ioredis").then(async ({ Redis }) => {
    const redis = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      // A frozen Redis (stopped, or a network that drops packets) keeps the connection "ready"
      // and never answers: without a bound, every question would wait on its memory forever.
      commandTimeout: 1_000,
      retryStrategy: (attempt) => Math.min(500 * attempt, 5_000),
    });
    // Failures surface on the commands, which conversation-memory.ts logs once.
    redis.on("error", () => {});
    disconnect = () => redis.disconnect();
    if (closed) disconnect();
    // The first question waits for the first connection (bounded), not just the ones after it.
    await new Promise<void>((settle) => {
      const timer = setTimeout(settle, 2_000);
      const done = () => {
        clearTimeout(timer);
        settle();
      };
      redis.once("ready", done);
      redis.once("error", done);
    });
    return createRedisTurns({ redis, prefix: options.prefix, ttlMs: options.ttlMs });
  });
  return {
    recent: async (id) => (await connecting).recent(id),
    remember: async (id, turn) => (await connecting).remember(id, turn),
    forget: async (id) => (await connecting).forget(id),
    close() {
      closed = true;
      disconnect();
    },
  };
}
