// One more real bot process on an existing INDEX_DIR: with a Telegram stand-in of its own, to
// watch what a bot does when it *starts* on a given index while another bot runs; or on a given
// stand-in, as the successor of a bot that was stopped (it must pick up what was left pending).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SentMessage, startTelegramStandin, type TelegramStandin } from "@ai-library/standins/telegram";
import { type BotProcess, startBotProcess } from "../../../../../apps/bot/test/e2e/bot-process.js";
import { suiteLogDir } from "../../support/suite-logs.js";

export interface ExtraBot {
  bot: BotProcess;
  standin: TelegramStandin;
  ask(userId: number, text: string): Promise<SentMessage | undefined>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startExtraBot(
  indexDir: string,
  booksDir: string,
  existingStandin?: TelegramStandin,
): Promise<ExtraBot> {
  const standin = existingStandin ?? (await startTelegramStandin());
  const pollsBefore = standin.callsOf("getUpdates").length;
  const root = mkdtempSync(join(tmpdir(), "faults-extra-bot-"));
  const bot = startBotProcess(
    {
      TELEGRAM_BOT_TOKEN: standin.token,
      TELEGRAM_API_ROOT: standin.apiRoot,
      INDEX_DIR: indexDir,
      BOOKS_DIR: booksDir,
      LOG_DIR: suiteLogDir(`faults-extra-bot-${randomBytes(3).toString("hex")}`),
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: `faults-bot-${randomBytes(4).toString("hex")}`,
      RATE_LIMIT_PER_MINUTE: "1000",
      BOT_METRICS_PORT: "0",
    },
    { cwd: root },
  );
  const stop = async () => {
    const result = await bot.stop();
    if (!existingStandin) await standin.close();
    rmSync(root, { recursive: true, force: true });
    return result;
  };
  try {
    await standin.waitFor(() => standin.callsOf("getUpdates").length > pollsBefore || bot.child.exitCode !== null, {
      timeoutMs: 45_000,
      what: "the extra bot to start polling",
    });
    if (bot.child.exitCode !== null) throw new Error(`the bot exited at start:\n${bot.output()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    bot,
    standin,
    async ask(userId, text) {
      const since = standin.sentMessages(userId).length;
      standin.sendText({ id: userId, languageCode: "ru" }, text);
      await standin.waitFor(() => standin.sentMessages(userId).length > since, {
        timeoutMs: 20_000,
        what: `the extra bot's reply to «${text}»`,
      });
      return standin.sentMessages(userId)[since];
    },
    stop,
  };
}
