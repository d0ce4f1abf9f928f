// Redis connections, made differently for the two sides of the queue (BullMQ's production
// guide): producers (CLI, bot) fail fast so an operator sees "Redis is down" at once instead
// of a hang; workers retry forever (`maxRetriesPerRequest: null`) and ride out Redis restarts.
import { Redis } from "ioredis";
import { RedisUnavailableError, redactRedisUrl } from "./errors.js";

export type RedisErrorListener = (message: string) => void;

/** Repeated connection errors are reported once per interval, not once per reconnect attempt. */
function throttled(listener: RedisErrorListener, intervalMs = 30_000): (error: Error) => void {
  const lastSeen = new Map<string, number>();
  return (error) => {
    const now = Date.now();
    const last = lastSeen.get(error.message);
    if (last !== undefined && now - last < intervalMs) return;
    lastSeen.set(error.message, now);
    listener(error.message);
  };
}

export interface ProducerConnectionOptions {
  connectTimeoutMs?: number;
  onError?: RedisErrorListener;
}

/** A connected producer connection, or RedisUnavailableError within a few seconds. */
export async function connectProducer(redisUrl: string, options: ProducerConnectionOptions = {}): Promise<Redis> {
  const connection = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 3_000,
    // A few quick reconnects for a blip during a long `--wait`, then give up.
    retryStrategy: (attempt) => (attempt > 5 ? null : attempt * 200),
  });
  connection.on("error", throttled(options.onError ?? (() => {})));
  try {
    await connection.connect();
    return connection;
  } catch (error) {
    connection.disconnect();
    throw new RedisUnavailableError(redactRedisUrl(redisUrl), (error as Error).message);
  }
}

export interface WorkerConnectionOptions {
  onError: RedisErrorListener;
}

/** A worker connection: commands wait for Redis to come back instead of failing the job. */
export function createWorkerConnection(redisUrl: string, options: WorkerConnectionOptions): Redis {
  const connection = new Redis(redisUrl, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // 1 s, 2 s, … capped at 20 s: fast recovery after a blip, no hammering during an outage.
    retryStrategy: (attempt) => Math.min(1_000 * attempt, 20_000),
  });
  connection.on("error", throttled(options.onError));
  return connection;
}
