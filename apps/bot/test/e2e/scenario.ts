// One end-to-end setup: the Telegram Bot API stand-in, a real ingested library, and the real
// bot process connected to both. Helpers act as Telegram users and wait for the bot's replies.
import { randomBytes } from "node:crypto";
import {
  type SentMessage,
  startTelegramStandin,
  type TelegramStandin,
  type TelegramStandinOptions,
  type UserSpec,
} from "@ai-library/standins/telegram";
import { Redis } from "ioredis";
import { type BotProcess, startBotProcess } from "./bot-process.js";
import { createTestLibrary, type TestLibrary } from "./test-library.js";

export interface Scenario {
  standin: TelegramStandin;
  library: TestLibrary;
  /** The bot process serving now (a new one after restartBot). */
  readonly bot: BotProcess;
  /** The environment the bot process runs with (for a second process beside it). */
  env: Record<string, string>;
  prefix: string;
  /** Sends `text` as `user` and resolves with the bot's next `count` messages in that chat. */
  ask(user: UserSpec, text: string, options?: { count?: number; timeoutMs?: number }): Promise<SentMessage[]>;
  /** Stops the bot process and starts a new one with the same environment, polling again. */
  restartBot(): Promise<void>;
  /** Waits for `count` new messages in a chat after `since` messages. */
  replies(chatId: number, since: number, count?: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  env?: Record<string, string>;
  /** Skip the ingest: the bot starts on an empty INDEX_DIR. */
  empty?: boolean;
  /** Wait for this before resolving (default: the first getUpdates, i.e. polling started). */
  ready?: (standin: TelegramStandin) => boolean;
  /** Runs before the bot process starts (to script faults it meets at once). */
  beforeStart?: (standin: TelegramStandin) => void;
  /** The stand-in's token and bot identity (the reliability suite uses its own known fake token). */
  standin?: TelegramStandinOptions;
}

export async function startScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const library = await createTestLibrary();
  if (!options.empty) {
    const report = await library.ingest().catch((error: unknown) => {
      library.cleanup();
      throw error;
    });
    if (!report.published) {
      library.cleanup();
      throw new Error(`test library was not published: ${report.failure}`);
    }
  }
  const standin = await startTelegramStandin(options.standin);
  options.beforeStart?.(standin);
  const prefix = `e2e-bot-${randomBytes(4).toString("hex")}`;
  const env: Record<string, string> = {
    TELEGRAM_BOT_TOKEN: standin.token,
    TELEGRAM_API_ROOT: standin.apiRoot,
    INDEX_DIR: library.indexDir,
    BOOKS_DIR: library.booksDir,
    LOG_DIR: library.logDir,
    LOG_LEVEL: "debug",
    REDIS_URL: "redis://127.0.0.1:6379",
    QUEUE_PREFIX: prefix,
    INDEX_POLL_SECONDS: "1",
    RATE_LIMIT_PER_MINUTE: "1000",
    // No /metrics listener unless a test asks for one: tests run side by side.
    BOT_METRICS_PORT: "0",
    ...options.env,
  };
  let bot = startBotProcess(env, { cwd: library.root });
  const ready = options.ready ?? ((server: TelegramStandin) => server.callsOf("getUpdates").length > 0);
  try {
    await standin.waitFor(() => ready(standin) || bot.child.exitCode !== null, {
      timeoutMs: 30_000,
      what: "the bot to start",
    });
    if (bot.child.exitCode !== null) throw new Error(`the bot exited at start:\n${bot.output()}`);
  } catch (error) {
    await bot.stop();
    await standin.close();
    library.cleanup();
    throw error;
  }

  const replies: Scenario["replies"] = async (chatId, since, count = 1, timeoutMs = 15_000) => {
    await standin.waitFor(() => standin.sentMessages(chatId).length >= since + count, {
      timeoutMs,
      what: `${count} bot message(s) in chat ${chatId}`,
    });
    return standin.sentMessages(chatId).slice(since, since + count);
  };

  return {
    standin,
    library,
    get bot() {
      return bot;
    },
    env,
    prefix,
    replies,
    async restartBot() {
      await bot.stop();
      const polls = standin.callsOf("getUpdates").length;
      bot = startBotProcess(env, { cwd: library.root });
      await standin.waitFor(() => standin.callsOf("getUpdates").length > polls || bot.child.exitCode !== null, {
        timeoutMs: 30_000,
        what: "the restarted bot to poll",
      });
      if (bot.child.exitCode !== null) throw new Error(`the restarted bot exited:\n${bot.output()}`);
    },
    async ask(user, text, askOptions = {}) {
      const since = standin.sentMessages(user.id).length;
      standin.sendText(user, text);
      return replies(user.id, since, askOptions.count ?? 1, askOptions.timeoutMs);
    },
    async close() {
      await bot.stop();
      await standin.close();
      library.cleanup();
      await removeRedisKeys(prefix);
    },
  };
}

/** BullMQ keeps queue metadata under the prefix once /status has looked at the queues. */
export async function removeRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
