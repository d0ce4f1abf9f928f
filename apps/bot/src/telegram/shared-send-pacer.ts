// Telegram's limits are per bot token, not per process: two webhook replicas pacing at 25
// messages a second each would send 50. So the replicas book their send slots in Redis: one
// "next free slot" per scope (all chats; each group), moved on atomically by a script that
// reads Redis's own clock (hosts' clocks may differ), spaced evenly at the configured rate.
// A caller waits until its slot. While the bot-wide breaker has Redis marked unreachable, each
// process paces alone (send-pacer.ts), as one process did before.
import type { Redis } from "ioredis";
import type { RedisBreaker } from "../app/redis-breaker.js";
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

export interface SharedSendPacerOptions extends SendPacerSettings {
  /** The shared Redis, behind the bot-wide breaker. */
  redis: RedisBreaker;
  /** Key prefix, e.g. "ai-library:send:" (tests use their own). */
  prefix: string;
  /** The process's own pacer, used while Redis fails. */
  local: SendPacer;
}

export function createSharedSendPacer(options: SharedSendPacerOptions): SendPacer {
  const book = async (client: Redis, key: string, spacingMs: number): Promise<number> =>
    Number(await client.eval(BOOK_SLOT, 1, `${options.prefix}${key}`, spacingMs));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  return {
    wait: (chatId) =>
      options.redis.run(
        async (client) => {
          // Telegram gives groups and channels negative ids; users positive ones.
          const groupWait = chatId < 0 ? await book(client, `group:${chatId}`, 60_000 / options.groupPerMinute) : 0;
          if (groupWait > 0) {
            options.onDelay?.("group");
            await sleep(groupWait);
          }
          const globalWait = await book(client, "global", 1000 / options.perSecond);
          if (globalWait > 0) {
            options.onDelay?.("global");
            await sleep(globalWait);
          }
        },
        () => options.local.wait(chatId),
      ),
    get trackedGroups() {
      return options.local.trackedGroups;
    },
  };
}
