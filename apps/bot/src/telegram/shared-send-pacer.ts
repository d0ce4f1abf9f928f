// Telegram's limits are per bot token, not per process: two webhook replicas pacing at 25
// messages a second each would send 50. So the replicas book their send slots in Redis: one
// "next free slot" per scope (all chats; each group), moved on atomically by a script that
// reads Redis's own clock (hosts' clocks may differ), spaced evenly at the configured rate.
// A caller waits until its slot. While Redis fails, each process paces alone (send-pacer.ts),
// as one process did before, and says so once in the log.
import type { Logger } from "@ai-library/shared/logging";
import type { SharedRedis } from "../app/shared-redis.js";
import type { SendPacer, SendPacerSettings } from "./send-pacer.js";

/** KEYS[1] = the scope's slot key; ARGV[1] = spacing in ms. Returns how long to wait, in ms. */
const BOOK_SLOT = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local spacing = tonumber(ARGV[1])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, free)
redis.call('SET', KEYS[1], slot + spacing, 'PX', math.max(1000, slot + spacing - now + 1000))
return slot - now
`;

/** After a failed Redis command, pace locally this long before trying Redis again. */
const RETRY_AFTER_FAILURE_MS = 5_000;

export interface SharedSendPacerOptions extends SendPacerSettings {
  redis: SharedRedis;
  /** Key prefix, e.g. "ai-library:send:" (tests use their own). */
  prefix: string;
  /** The process's own pacer, used while Redis fails. */
  local: SendPacer;
  logger: Logger;
}

export function createSharedSendPacer(options: SharedSendPacerOptions): SendPacer {
  let skipUntil = 0;
  let down = false;
  const book = async (key: string, spacingMs: number): Promise<number> => {
    const client = await options.redis.client();
    return Number(await client.eval(BOOK_SLOT, 1, `${options.prefix}${key}`, spacingMs));
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    async wait(chatId) {
      if (Date.now() >= skipUntil) {
        try {
          // Telegram gives groups and channels negative ids; users positive ones.
          const groupWait = chatId < 0 ? await book(`group:${chatId}`, 60_000 / options.groupPerMinute) : 0;
          if (groupWait > 0) {
            options.onDelay?.("group");
            await sleep(groupWait);
          }
          const globalWait = await book("global", 1000 / options.perSecond);
          if (globalWait > 0) {
            options.onDelay?.("global");
            await sleep(globalWait);
          }
          if (down) {
            down = false;
            options.logger.info("Темп отправки сообщений: Redis снова доступен, темп общий для всех процессов бота");
          }
          return;
        } catch (error) {
          skipUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
          if (!down) {
            down = true;
            options.logger.warn(
              `Темп отправки сообщений: Redis недоступен (${(error as Error).message}); каждый процесс бота считает темп сам`,
            );
          }
        }
      }
      await options.local.wait(chatId);
    },
    get trackedGroups() {
      return options.local.trackedGroups;
    },
  };
}
