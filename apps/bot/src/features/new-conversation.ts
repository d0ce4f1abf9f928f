// /new and the «Новая тема» button: forget the conversation, so the next question is searched
// alone. Only the presser's own conversation is forgotten: the key is theirs.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { conversationKeyOf } from "../conversation/conversation-key-of.js";
import { NEW_CONVERSATION_CALLBACK } from "../conversation/conversation-turn.js";
import { plainMessage } from "../format/render-answer.js";

export function newConversation(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  const forget = async (ctx: Context) => {
    const key = conversationKeyOf(ctx);
    if (key) await deps.conversations.forget(key);
    scopeOf(ctx, deps.logger).log.info(`Пользователь ${ctx.from?.id} начал новую тему`);
  };
  feature.command("new", async (ctx) => {
    await forget(ctx);
    await deps.sender.send(ctx.chat.id, plainMessage(scopeOf(ctx, deps.logger).texts.newConversation));
  });
  feature.action(NEW_CONVERSATION_CALLBACK, async (ctx) => {
    await forget(ctx);
    await deps.sender.answerCallback(ctx.callbackQuery.id, scopeOf(ctx, deps.logger).texts.newConversation);
  });
  return feature;
}
