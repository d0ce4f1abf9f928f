// Everything the bot's features send goes through a ChatSender: Telegram in production,
// the terminal in console mode. Features never call the Bot API directly, so both modes run
// the very same handlers.
import type { OutgoingMessage } from "../format/render-answer.js";

export interface ChatSender {
  /** Sends a message; resolves with its id once Telegram accepted it. */
  send(chatId: number, message: OutgoingMessage): Promise<{ messageId: number }>;
  edit(chatId: number, messageId: number, message: OutgoingMessage): Promise<void>;
  /** Shows "typing…" for a few seconds; failures are not worth reporting to anyone. */
  typing(chatId: number): Promise<void>;
  /** Acknowledges a button press, optionally with a short notice. */
  answerCallback(queryId: string, notice?: string): Promise<void>;
}
