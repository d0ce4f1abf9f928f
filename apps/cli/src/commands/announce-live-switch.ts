// After `index rollback` or `index restore` has moved LIVE: the same Redis notice the worker
// sends after a publish, so the bots reload at once instead of on their next poll. The
// connection is opened when the command starts, while the candidates are being verified, so the
// notice leaves the moment LIVE changes. Redis being down costs only that speed — the bots'
// poll of INDEX_DIR/LIVE (INDEX_POLL_SECONDS) still comes — so it never fails the command;
// the operator is told which of the two to expect.
import type { AppConfig } from "@ai-library/shared/config";
import type { Redis } from "ioredis";

export type SwitchAnnouncement = { sent: true; listeners: number } | { sent: false; reason: string };

export interface SwitchAnnouncer {
  announce(generationId: string): Promise<SwitchAnnouncement>;
  /** What was announced (`not switched` until then), for the report. */
  readonly outcome: SwitchAnnouncement;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 2_000;

type Connected = { redis: Redis; send: (generationId: string) => Promise<number> } | { reason: string };

async function connect(config: AppConfig): Promise<Connected> {
  let notice: typeof import("@ai-library/shared/notice");
  try {
    // Loaded here, and without BullMQ: the other index commands need no Redis at all.
    notice = await import("@ai-library/shared/notice");
  } catch (error) {
    return { reason: (error as Error).message };
  }
  try {
    const redis = await notice.connectProducer(config.REDIS_URL, { connectTimeoutMs: CONNECT_TIMEOUT_MS });
    const send = (generationId: string) =>
      notice.announceGeneration(redis, config.QUEUE_PREFIX, { generationId, publishedAt: new Date().toISOString() });
    return { redis, send };
  } catch (error) {
    // The unavailable error's advice (start Redis, ingest inline) is beside the point here.
    const detail = error instanceof notice.RedisUnavailableError ? "нет соединения" : (error as Error).message;
    return { reason: `${notice.redactRedisUrl(config.REDIS_URL)}: ${detail}` };
  }
}

export function startSwitchAnnouncer(config: AppConfig): SwitchAnnouncer {
  const connected = connect(config);
  let outcome: SwitchAnnouncement = { sent: false, reason: "not switched" };
  return {
    get outcome() {
      return outcome;
    },
    async announce(generationId) {
      const link = await connected;
      try {
        outcome =
          "reason" in link
            ? { sent: false, reason: link.reason }
            : { sent: true, listeners: await link.send(generationId) };
      } catch (error) {
        outcome = { sent: false, reason: (error as Error).message };
      }
      return outcome;
    },
    async close() {
      const link = await connected;
      if ("redis" in link) await link.redis.quit().catch(() => link.redis.disconnect());
    },
  };
}

/** The line the operator reads: when the bots will serve the new generation. */
export function describeSwitchAnnouncement(announcement: SwitchAnnouncement, pollSeconds: number): string {
  if (announcement.sent && announcement.listeners > 0) {
    return `Боты получили уведомление через Redis (${announcement.listeners}) и переключатся за секунду-две, без перезапуска.`;
  }
  if (announcement.sent) {
    return `Уведомление через Redis отправлено, но его никто не слушает: запущенный бот переключится при проверке LIVE в течение ${pollSeconds} с.`;
  }
  return `Redis недоступен (${announcement.reason}): бот переключится сам при проверке LIVE в течение ${pollSeconds} с, без перезапуска.`;
}
