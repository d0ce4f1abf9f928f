// One bot-wide answer to "can the shared Redis be reached?", for every feature that keeps what
// the bot's processes share there (update claims, question rate limit, conversation memory, send
// pacing; /status's queue read asks it too). The first failed command marks Redis unreachable
// for all of them at once: each then goes straight to its local fallback instead of waiting out
// its own 1 s command timeout, so a frozen Redis costs one question one timeout per outage, not
// every question two or three. While marked, a PING in the background — no question waits on it —
// decides when Redis is back: every `retryAfterMs`, and at once when the connection comes back
// ready after a restart. Each switch is logged once.
//
// Features choose their fallback here, before they touch the client. A Proxy on the client that
// refuses commands instead was tried and hung: ioredis's multi()/pipeline() push each queued
// command through client.sendCommand, ignore what it returns and settle only when the commands
// themselves do, so a sendCommand that refuses leaves exec() pending forever (rate-limiter-flexible's
// get/block, our conversation writes); a proxy refusing every method breaks the limiter's
// defineCommand when it is built during an outage.
import type { Logger } from "@ai-library/shared/logging";
import type { Redis } from "ioredis";
import type { SharedRedis } from "./shared-redis.js";

export interface RedisBreaker {
  /**
   * `work` on the shared client, or `fallback` at once while Redis is marked unreachable. `work`
   * should fail only when Redis does: its failure marks Redis unreachable for every feature, and
   * `fallback` answers instead.
   */
  run<T>(work: (client: Redis) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  /** True while Redis is marked unreachable. */
  readonly down: boolean;
  /** Stops probing (shutdown). */
  close(): void;
}

export interface RedisBreakerOptions {
  redis: SharedRedis;
  logger: Logger;
  /** How long features skip Redis after a failure before the next probe (tests shorten it). */
  retryAfterMs?: number;
}

/** Long enough that a frozen Redis costs nothing noticeable, short enough that sharing resumes soon. */
export const REDIS_RETRY_AFTER_MS = 5_000;

export function createRedisBreaker(options: RedisBreakerOptions): RedisBreaker {
  const retryAfterMs = options.retryAfterMs ?? REDIS_RETRY_AFTER_MS;
  let downSince: number | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let probing = false;
  let closed = false;
  // A restarted Redis is back as soon as the connection is ready again: probe then, not up to
  // `retryAfterMs` later. (A frozen one sends nothing; the timer covers it.)
  let watched: Redis | undefined;
  const probeNow = () => void probe();
  const unwatch = () => {
    watched?.off("ready", probeNow);
    watched = undefined;
  };

  const probe = async () => {
    if (probing || closed || downSince === undefined) return;
    probing = true;
    clearTimeout(probeTimer);
    try {
      await (await options.redis.client()).ping();
    } catch {
      probing = false;
      scheduleProbe();
      return;
    }
    probing = false;
    if (closed || downSince === undefined) return;
    const seconds = Math.round((Date.now() - downSince) / 1000);
    downSince = undefined;
    unwatch();
    options.logger.info(
      `Redis снова доступен (не отвечал ${seconds} с): память диалогов, лимит вопросов, учёт обновлений и темп отправки снова общие для всех процессов бота`,
    );
  };
  const scheduleProbe = () => {
    if (closed) return;
    clearTimeout(probeTimer);
    probeTimer = setTimeout(probeNow, retryAfterMs);
    probeTimer.unref();
  };
  const markDown = (error: unknown, client: Redis | undefined) => {
    // Commands already in flight fail too: the first one tells, the rest change nothing. After
    // close() the connection is gone on purpose: nothing to report.
    if (downSince !== undefined || closed) return;
    downSince = Date.now();
    options.logger.warn(
      `Redis недоступен (${(error as Error).message}): пока он не ответит, память диалогов, лимит вопросов, ` +
        `учёт обновлений и темп отправки — в памяти этого процесса; проверяю раз в ${retryAfterMs / 1000} с`,
    );
    watched = client;
    watched?.on("ready", probeNow);
    scheduleProbe();
  };

  return {
    async run(work, fallback) {
      if (downSince !== undefined) return fallback();
      let client: Redis | undefined;
      try {
        client = await options.redis.client();
        return await work(client);
      } catch (error) {
        markDown(error, client);
      }
      return fallback();
    },
    get down() {
      return downSince !== undefined;
    },
    close() {
      closed = true;
      clearTimeout(probeTimer);
      unwatch();
    },
  };
}
