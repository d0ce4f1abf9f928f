// The ChatSender for real Telegram (or the stand-in): every message goes through the chat's
// queue and the send pacer (Telegram's rate limits), 429s are waited out, and HTML that Telegram still refuses is resent as plain text
// rather than lost.
import type { Logger } from "@ai-library/shared/logging";
import type { Telegram } from "telegraf";
import type { InlineKeyboardMarkup } from "telegraf/types";
import { htmlToPlainText } from "../format/html.js";
import type { InlineButton, OutgoingMessage } from "../format/render-answer.js";
import type { ChatSender } from "./chat-sender.js";
import { PerChatQueue } from "./per-chat-queue.js";
import { type RetryPolicy, retryTelegramCall } from "./retry-telegram-call.js";
import type { SendPacer } from "./send-pacer.js";
import { describeTelegramError, isBadEntities, isNotModified } from "./telegram-errors.js";

export interface TelegramChatSenderDeps {
  telegram: Telegram;
  logger: Logger;
  retry: RetryPolicy;
  /** Keeps sends and edits under Telegram's limits; without it, calls go out at once. */
  pacer?: SendPacer;
  /** Counts HTML refusals that fell back to plain text. */
  onPlainFallback?: () => void;
}

function keyboard(buttons: InlineButton[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons || buttons.length === 0) return undefined;
  return {
    inline_keyboard: buttons.map((row) =>
      row.map((button) => ({ text: button.text, callback_data: button.callbackData })),
    ),
  };
}

export function createTelegramChatSender(deps: TelegramChatSenderDeps): ChatSender & { queue: PerChatQueue } {
  const { telegram, logger, retry, pacer } = deps;
  const queue = new PerChatQueue();

  /** Runs `attempt(html, asHtml)` in its turn; on an entity error, once more with the plain text. */
  async function withPlainFallback<T>(
    chatId: number,
    message: OutgoingMessage,
    send: (text: string, asHtml: boolean) => Promise<T>,
  ) {
    // Every attempt, retries included, waits for its turn: a retry is a message to Telegram too.
    const attempt = async (text: string, asHtml: boolean) => {
      await pacer?.wait(chatId);
      return send(text, asHtml);
    };
    try {
      return await retryTelegramCall(() => attempt(message.html, true), retry);
    } catch (error) {
      if (!isBadEntities(error)) throw error;
      logger.warn(`Telegram не принял HTML сообщения (${describeTelegramError(error)}); отправляю простым текстом`);
      deps.onPlainFallback?.();
      return retryTelegramCall(() => attempt(htmlToPlainText(message.html), false), retry);
    }
  }

  return {
    queue,
    send(chatId, message) {
      return queue.run(chatId, async () => {
        const reply_markup = keyboard(message.buttons);
        const sent = await withPlainFallback(chatId, message, (text, asHtml) =>
          telegram.sendMessage(chatId, text, {
            ...(asHtml ? { parse_mode: "HTML" as const } : {}),
            link_preview_options: { is_disabled: true },
            ...(reply_markup ? { reply_markup } : {}),
          }),
        );
        return { messageId: sent.message_id };
      });
    },
    edit(chatId, messageId, message) {
      return queue.run(chatId, async () => {
        const reply_markup = keyboard(message.buttons);
        try {
          await withPlainFallback(chatId, message, (text, asHtml) =>
            telegram.editMessageText(chatId, messageId, undefined, text, {
              ...(asHtml ? { parse_mode: "HTML" as const } : {}),
              link_preview_options: { is_disabled: true },
              ...(reply_markup ? { reply_markup } : {}),
            }),
          );
        } catch (error) {
          // The same text twice (a streamed answer that did not change) is not a failure.
          if (!isNotModified(error)) throw error;
        }
      });
    },
    async typing(chatId) {
      try {
        await telegram.sendChatAction(chatId, "typing");
      } catch (error) {
        logger.debug(`индикатор набора не показан в чате ${chatId}: ${describeTelegramError(error)}`);
      }
    },
    async answerCallback(queryId, notice) {
      try {
        await retryTelegramCall(() => telegram.answerCbQuery(queryId, notice), retry);
      } catch (error) {
        logger.debug(`нет ответа на нажатие кнопки ${queryId}: ${describeTelegramError(error)}`);
      }
    },
  };
}
