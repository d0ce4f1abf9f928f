// Builds the updates a test injects: private and group messages (with the entities a real
// client attaches to commands and @mentions), stickers, photos, edits and channel posts.
import type { TgChat, TgEntity, TgMessage, TgUser } from "./types.js";

/** A Telegram user as a test describes it. */
export interface UserSpec {
  id: number;
  firstName?: string;
  username?: string;
  /** IETF tag from the user's Telegram client, e.g. "ru", "en", "en-GB". */
  languageCode?: string;
}

export function toTgUser(user: UserSpec): TgUser {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.firstName ?? `User${user.id}`,
    ...(user.username ? { username: user.username } : {}),
    ...(user.languageCode ? { language_code: user.languageCode } : {}),
  };
}

export function privateChatOf(user: UserSpec): TgChat {
  return { id: user.id, type: "private", first_name: user.firstName ?? `User${user.id}` };
}

export function groupChat(id: number, title = "Test group"): TgChat {
  return { id: id > 0 ? -id : id, type: "supergroup", title };
}

/** Entities a Telegram client derives from the text: a leading /command and @mentions. */
export function detectEntities(text: string): TgEntity[] {
  const entities: TgEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(^|[^A-Za-z0-9_])(@[A-Za-z][A-Za-z0-9_]{3,31})/g)) {
    const offset = (mention.index ?? 0) + (mention[1]?.length ?? 0);
    if (command && offset < command[0].length) continue;
    entities.push({ type: "mention", offset, length: mention[2]?.length ?? 0 });
  }
  return entities;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function textMessage(
  messageId: number,
  chat: TgChat,
  from: TgUser,
  text: string,
  replyTo?: TgMessage,
): TgMessage {
  const entities = detectEntities(text);
  return {
    message_id: messageId,
    date: nowSeconds(),
    chat,
    from,
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
  };
}

export function stickerMessage(messageId: number, chat: TgChat, from: TgUser): TgMessage {
  const sticker = { file_id: `sticker-${messageId}`, file_unique_id: `s${messageId}`, width: 512, height: 512 };
  return {
    message_id: messageId,
    date: nowSeconds(),
    chat,
    from,
    sticker: { ...sticker, is_animated: false, is_video: false, type: "regular", emoji: "👍" },
  };
}

export function photoMessage(messageId: number, chat: TgChat, from: TgUser, caption?: string): TgMessage {
  return {
    message_id: messageId,
    date: nowSeconds(),
    chat,
    from,
    photo: [{ file_id: `photo-${messageId}`, file_unique_id: `p${messageId}`, width: 90, height: 90 }],
    ...(caption ? { caption } : {}),
  };
}
