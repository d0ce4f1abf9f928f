// Every message in every chat the stand-in knows, numbered per chat like Telegram does:
// what users wrote (so replies and edits can refer to them) and what the bot sent, with
// the bot's messages kept in their latest, edited form.
import { EventEmitter } from "node:events";
import type { SentMessage, TgMessage } from "./types.js";

export class ChatLog {
  /** Emits "sent" with each new SentMessage, for benchmarks that time replies exactly. */
  readonly events = new EventEmitter();
  private readonly messages = new Map<number, Map<number, TgMessage>>();
  private readonly sent: SentMessage[] = [];
  private readonly nextIds = new Map<number, number>();

  nextMessageId(chatId: number): number {
    const id = this.nextIds.get(chatId) ?? 1;
    this.nextIds.set(chatId, id + 1);
    return id;
  }

  store(message: TgMessage): void {
    let chat = this.messages.get(message.chat.id);
    if (!chat) {
      chat = new Map();
      this.messages.set(message.chat.id, chat);
    }
    chat.set(message.message_id, message);
  }

  find(chatId: number, messageId: number): TgMessage | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  recordSent(view: SentMessage): void {
    this.sent.push(view);
    this.events.emit("sent", view);
  }

  findSent(chatId: number, messageId: number): SentMessage | undefined {
    return this.sent.find((entry) => entry.chatId === chatId && entry.messageId === messageId);
  }

  sentMessages(chatId?: number): SentMessage[] {
    return chatId === undefined ? [...this.sent] : this.sent.filter((entry) => entry.chatId === chatId);
  }
}
