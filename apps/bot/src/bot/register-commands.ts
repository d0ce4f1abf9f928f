// The command menu Telegram clients show, in Russian (default) and English.
import type { Logger } from "@ai-library/shared/logging";
import type { Telegram } from "telegraf";
import { en } from "../i18n/en.js";
import { ru } from "../i18n/ru.js";
import { describeTelegramError } from "../telegram/telegram-errors.js";

export async function registerCommandMenu(telegram: Telegram, logger: Logger): Promise<void> {
  try {
    await telegram.setMyCommands(ru.commandMenu);
    await telegram.setMyCommands(en.commandMenu, { language_code: "en" });
  } catch (error) {
    // Without the menu the bot still works; commands can be typed.
    logger.warn(`Меню команд не зарегистрировано: ${describeTelegramError(error)}`);
  }
}
