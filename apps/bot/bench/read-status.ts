// What the benchmarks read from the bot's /status (admin only): RSS of the bot and of its
// search process, and the event-loop lag p99 since the previous /status.
import type { TelegramStandin, UserSpec } from "@ai-library/standins/telegram";

export interface BotStatus {
  rssMb: number;
  /** 0 when no search process runs. */
  searchRssMb: number;
  lagP99Ms: number;
}

export async function readStatus(standin: TelegramStandin, admin: UserSpec): Promise<BotStatus> {
  const since = standin.sentMessages(admin.id).length;
  standin.sendText(admin, "/status");
  const message = await standin.waitFor(() => standin.sentMessages(admin.id)[since], {
    timeoutMs: 30_000,
    what: "/status",
  });
  const number = (pattern: RegExp) => Number(pattern.exec(message.text)?.[1] ?? Number.NaN);
  return {
    rssMb: number(/Memory: RSS (\d+) MB/),
    searchRssMb: number(/search process: RSS (\d+) MB/) || 0,
    lagP99Ms: number(/since last \/status\): ([\d.]+) ms/),
  };
}
