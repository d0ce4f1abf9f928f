// Whose conversation an update belongs to: the user in the chat, and the forum topic or thread
// when the message is in one, so two people in a group never share a context.
import type { Context } from "telegraf";
import type { ConversationKey } from "./conversation-turn.js";

export function conversationKeyOf(ctx: Context): ConversationKey | undefined {
  const chatId = ctx.chat?.id;
  const userId = ctx.from?.id;
  if (chatId === undefined || userId === undefined) return undefined;
  const message = ctx.message ?? ctx.callbackQuery?.message;
  const threadId = message && "message_thread_id" in message ? message.message_thread_id : undefined;
  return { chatId, userId, ...(threadId !== undefined ? { threadId } : {}) };
}
