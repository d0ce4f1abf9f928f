// Telegram updates made from what the person types in console mode, shaped exactly as the
// Bot API delivers them, so they run through the same handlers as real ones.
import type { Update, UserFromGetMe } from "telegraf/types";
import type { PressableButton } from "./console-sender.js";

export interface ConsoleUser {
  id: number;
  languageCode: string;
}

export const CONSOLE_BOT: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "AI Library Bot",
  username: "ai_library_console_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

export function createUpdateFactory(user: ConsoleUser) {
  let updateId = 0;
  let messageId = 0;
  const from = { id: user.id, is_bot: false as const, first_name: "Console", language_code: user.languageCode };
  const chat = { id: user.id, type: "private" as const, first_name: "Console" };
  return {
    text(text: string): Update {
      const command = /^\/[A-Za-z0-9_]+/.exec(text);
      return {
        update_id: ++updateId,
        message: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat,
          from,
          text,
          ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
        },
      };
    },
    press(button: PressableButton): Update {
      return {
        update_id: ++updateId,
        callback_query: {
          id: `console-${updateId}`,
          from,
          chat_instance: "console",
          data: button.callbackData,
          message: {
            message_id: button.messageId,
            date: Math.floor(Date.now() / 1000),
            chat,
            text: button.text,
          },
        },
      };
    },
  };
}
