// The ChatSender of console mode: what the bot would send to Telegram is printed as plain
// text, and inline buttons are listed as !1, !2 … so the person at the terminal can press
// them by typing that.
import type { Writable } from "node:stream";
import { htmlToPlainText } from "../format/html.js";
import type { ChatSender } from "../telegram/chat-sender.js";

export interface PressableButton {
  chatId: number;
  messageId: number;
  callbackData: string;
  text: string;
}

export interface ConsoleSender extends ChatSender {
  /** Buttons of the most recent message that had any, by the number shown (1-based). */
  button(number: number): PressableButton | undefined;
}

export function createConsoleSender(output: Writable): ConsoleSender {
  let nextMessageId = 1;
  let buttons: PressableButton[] = [];
  const print = (text: string) => output.write(`${text}\n`);

  const show = (
    chatId: number,
    messageId: number,
    html: string,
    rows: { text: string; callbackData: string }[][] = [],
  ) => {
    print(`\nБот: ${htmlToPlainText(html)}`);
    const flat = rows.flat();
    if (flat.length === 0) return;
    buttons = flat.map((button) => ({ chatId, messageId, ...button }));
    print(`Кнопки: ${buttons.map((button, index) => `!${index + 1} ${button.text}`).join("   ")}`);
  };

  return {
    async send(chatId, message) {
      const messageId = nextMessageId++;
      show(chatId, messageId, message.html, message.buttons);
      return { messageId };
    },
    async edit(chatId, messageId, message) {
      show(chatId, messageId, message.html, message.buttons);
    },
    async typing() {},
    async answerCallback(_queryId, notice) {
      if (notice) print(`\nБот: ${notice}`);
    },
    button: (number) => buttons[number - 1],
  };
}
