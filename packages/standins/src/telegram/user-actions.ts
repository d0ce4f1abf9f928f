// What a test's users can do, each turned into the update Telegram would deliver to the bot:
// write (in private or in a group, replying or not), send a sticker or photo, edit a message,
// press an inline button; plus channel posts and raw updates.
import { randomBytes } from "node:crypto";
import type { StandinState } from "./bot-api-methods.js";
import type { SentMessage, TgChat, TgMessage, UpdateBody } from "./types.js";
import {
  nowSeconds,
  photoMessage,
  privateChatOf,
  stickerMessage,
  textMessage,
  toTgUser,
  type UserSpec,
} from "./update-builders.js";

export interface SendOptions {
  /** A group chat (see groupChat()); private chat with the user by default. */
  chat?: TgChat;
  /** message_id in the same chat this message replies to. */
  replyTo?: number;
  /** Deliver under this update_id (the same update given to two replicas, or redelivered). */
  updateId?: number;
}

export interface UserActions {
  sendText(from: UserSpec, text: string, options?: SendOptions): TgMessage;
  sendSticker(from: UserSpec, options?: SendOptions): TgMessage;
  sendPhoto(from: UserSpec, caption?: string, options?: SendOptions): TgMessage;
  editText(from: UserSpec, message: TgMessage, newText: string): void;
  channelPost(channel: { id: number; title: string }, text: string): void;
  /** Presses an inline button of a message the bot sent; returns the callback query id. */
  pressButton(from: UserSpec, message: SentMessage, callbackData: string): string;
  /** Injects any update as is (for shapes the helpers do not cover). */
  pushUpdate(body: UpdateBody, updateId?: number): number;
}

export function createUserActions(state: StandinState): UserActions {
  const remember = (chat: TgChat) => {
    if (!state.knownChats.has(chat.id)) state.knownChats.set(chat.id, chat);
  };
  const deliver = (message: TgMessage, updateId?: number) => {
    remember(message.chat);
    state.chats.store(message);
    state.queue.push({ message }, updateId);
    return message;
  };
  const chatFor = (from: UserSpec, options?: SendOptions) => options?.chat ?? privateChatOf(from);

  return {
    sendText(from, text, options) {
      const chat = chatFor(from, options);
      const replyTo = options?.replyTo === undefined ? undefined : state.chats.find(chat.id, options.replyTo);
      const message = textMessage(state.chats.nextMessageId(chat.id), chat, toTgUser(from), text, replyTo);
      return deliver(message, options?.updateId);
    },
    sendSticker(from, options) {
      const chat = chatFor(from, options);
      return deliver(stickerMessage(state.chats.nextMessageId(chat.id), chat, toTgUser(from)));
    },
    sendPhoto(from, caption, options) {
      const chat = chatFor(from, options);
      return deliver(photoMessage(state.chats.nextMessageId(chat.id), chat, toTgUser(from), caption));
    },
    editText(_from, message, newText) {
      const edited: TgMessage = {
        ...textMessage(message.message_id, message.chat, message.from ?? toTgUser(_from), newText),
        edit_date: nowSeconds(),
      };
      state.chats.store(edited);
      state.queue.push({ edited_message: edited });
    },
    channelPost(channel, text) {
      const chat: TgChat = { id: channel.id > 0 ? -channel.id : channel.id, type: "channel", title: channel.title };
      remember(chat);
      const post: TgMessage = {
        message_id: state.chats.nextMessageId(chat.id),
        date: nowSeconds(),
        chat,
        sender_chat: chat,
        text,
      };
      state.chats.store(post);
      state.queue.push({ channel_post: post });
    },
    pressButton(from, sent, callbackData) {
      const message = state.chats.find(sent.chatId, sent.messageId);
      if (!message) throw new Error(`Message ${sent.messageId} in chat ${sent.chatId} was never sent by the bot`);
      const id = randomBytes(8).readBigUInt64BE().toString();
      state.callbackQueries.set(id, false);
      state.queue.push({
        callback_query: { id, from: toTgUser(from), message, chat_instance: String(sent.chatId), data: callbackData },
      });
      return id;
    },
    pushUpdate: (body, updateId) => state.queue.push(body, updateId),
  };
}
