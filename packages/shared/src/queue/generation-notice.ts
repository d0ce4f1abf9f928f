// "A new index generation is live": the worker announces it on a Redis pub/sub channel right
// after publishing, so bots reload at once instead of waiting for their next poll. Pub/sub is
// fire-and-forget (a bot that is down misses it), which is why bots also poll INDEX_DIR/LIVE.
import type { Redis } from "ioredis";
import { createWorkerConnection, type RedisErrorListener } from "./connections.js";
import { queueKeys } from "./names.js";
import { type GenerationNotice, generationNoticeSchema } from "./payloads.js";

/** Returns how many subscribers received the notice. */
export async function announceGeneration(redis: Redis, prefix: string, notice: GenerationNotice): Promise<number> {
  const message = JSON.stringify(generationNoticeSchema.parse(notice));
  return redis.publish(queueKeys(prefix).generationChannel, message);
}

export interface GenerationSubscriptionOptions {
  redisUrl: string;
  prefix: string;
  onNotice: (notice: GenerationNotice) => void;
  onError: RedisErrorListener;
}

export interface GenerationSubscription {
  close(): Promise<void>;
}

/**
 * Listens on its own connection (a subscribed connection can do nothing else); it reconnects
 * and resubscribes by itself after a Redis restart.
 */
export async function subscribeToGenerations(options: GenerationSubscriptionOptions): Promise<GenerationSubscription> {
  const channel = queueKeys(options.prefix).generationChannel;
  const subscriber = createWorkerConnection(options.redisUrl, { onError: options.onError });
  subscriber.on("message", (from: string, message: string) => {
    if (from !== channel) return;
    let parsed: ReturnType<typeof generationNoticeSchema.safeParse>;
    try {
      parsed = generationNoticeSchema.safeParse(JSON.parse(message));
    } catch {
      options.onError(`пропущено неразборчивое уведомление о поколении в ${channel}`);
      return;
    }
    if (parsed.success) options.onNotice(parsed.data);
    else options.onError(`пропущено уведомление о поколении в ${channel}: не соответствует схеме`);
  });
  await subscriber.subscribe(channel);
  return {
    async close() {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
