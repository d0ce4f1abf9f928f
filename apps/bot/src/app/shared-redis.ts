// The Redis connection for what the bot's processes share (conversation turns, update claims,
// question rate limits, send slots), connected on first use: ioredis takes a while to load, and
// the bot answers /start without it. Commands fail at once while Redis is down (no offline queue)
// and after a second when it is frozen; the first such failure marks Redis unreachable for every
// feature at once (redis-breaker.ts), so later questions do not wait on it at all. The connection
// keeps retrying in the background and is used again once the breaker's probe finds it back.
import type { Redis } from "ioredis";

export interface SharedRedis {
  /** The client, once its first connection attempt settled (connected or not, within 2 s). */
  client(): Promise<Redis>;
  close(): void;
}

export function connectSharedRedis(redisUrl: string): SharedRedis {
  let closed = false;
  let disconnect = () => {};
  let connecting: Promise<Redis> | undefined;
  const connect = () =>
    import("ioredis").then(async ({ Redis }) => {
      const redis = new Redis(redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        // A frozen Redis (stopped, or a network that drops packets) keeps the connection "ready"
        // and never answers: without a bound, every question would wait on it forever.
        commandTimeout: 1_000,
        retryStrategy: (attempt) => Math.min(500 * attempt, 5_000),
      });
      // Failures surface on the commands, which their users log once.
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
      return redis;
    });
  return {
    client() {
      connecting ??= connect();
      return connecting;
    },
    close() {
      closed = true;
      disconnect();
    },
  };
}
