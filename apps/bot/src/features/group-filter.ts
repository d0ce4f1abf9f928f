// In groups the bot speaks only when spoken to: a message that @mentions it (a command
// addressed as /books@bot counts) or replies to one of its messages. Everything else in a
// group is other people's conversation.
import { Composer, type Context } from "telegraf";

type MessageLike = {
  text?: string;
  entities?: { type: string; offset: number; length: number }[];
  reply_to_message?: { from?: { id: number } };
};

export function addressesBot(message: MessageLike, bot: { id: number; username: string }): boolean {
  if (message.reply_to_message?.from?.id === bot.id) return true;
  const text = message.text ?? "";
  const handle = `@${bot.username}`.toLowerCase();
  return (message.entities ?? []).some((entity) => {
    const part = text.slice(entity.offset, entity.offset + entity.length).toLowerCase();
    return (entity.type === "mention" && part === handle) || (entity.type === "bot_command" && part.endsWith(handle));
  });
}

/** The question without the bot's @handle, wherever it was written. */
export function withoutMention(text: string, username: string): string {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text
    .replace(new RegExp(`@${escaped}\\b`, "gi"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function groupFilter(): Composer<Context> {
  const feature = new Composer<Context>();
  feature.use((ctx, next) => {
    const type = ctx.chat?.type;
    if (type !== "group" && type !== "supergroup") return next();
    if ("callback_query" in ctx.update) return next();
    const message = "message" in ctx.update ? ctx.update.message : undefined;
    if (!message || !("text" in message)) return;
    if (!addressesBot(message, { id: ctx.botInfo.id, username: ctx.botInfo.username })) return;
    return next();
  });
  return feature;
}
