// Long polling with the failures that are about deployment rather than code: a 409 means
// another process polls with the same token (or a webhook is set) — logged as a deployment
// error and retried with backoff, since during a rolling restart the old process is about to
// go; a 401 means the token is wrong, which no retry will fix.
import type { Logger } from "@ai-library/shared/logging";
import type { Telegraf } from "telegraf";
import { describeTelegramError, isConflict, isTelegramError } from "../telegram/telegram-errors.js";

export class TokenRejectedError extends Error {
  constructor() {
    super(
      "Telegram отклонил TELEGRAM_BOT_TOKEN (401 Unauthorized). Проверьте токен у @BotFather и задайте его заново.",
    );
    this.name = "TokenRejectedError";
  }
}

export interface PollingOptions {
  logger: Logger;
  isStopping: () => boolean;
  onStarted: () => void;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Resolves when polling was stopped by bot.stop(); rejects on errors it cannot ride out. */
export async function runPolling(bot: Telegraf, options: PollingOptions): Promise<void> {
  const { logger } = options;
  let backoff = options.firstBackoffMs ?? 2000;
  for (;;) {
    try {
      await bot.launch({ dropPendingUpdates: false }, options.onStarted);
      return;
    } catch (error) {
      if (options.isStopping()) return;
      if (isTelegramError(error) && error.code === 401) throw new TokenRejectedError();
      if (!isConflict(error)) throw error;
      logger.error(
        `Ошибка развёртывания: Telegram ответил 409 Conflict (${describeTelegramError(error)}). ` +
          "С этим токеном уже работает другой экземпляр бота или установлен webhook: остановите лишний процесс " +
          `(systemctl status ai-library-bot) или уберите WEBHOOK_URL. Повтор через ${Math.round(backoff / 1000)} с.`,
      );
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 60_000);
    }
  }
}
