// What is left after every feature had its turn: unknown /commands get the list of
// commands, stickers/photos/voice get "text only", unknown buttons are acknowledged.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { plainMessage } from "../format/render-answer.js";

export function unknownCommand(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.use(async (ctx, next) => {
    const message = ctx.message;
    const command = message && "entities" in message ? message.entities?.[0] : undefined;
    if (!message || command?.type !== "bot_command" || command.offset !== 0) return next();
    const { texts, log } = scopeOf(ctx, deps.logger);
    log.info(`Неизвестная команда от пользователя ${ctx.from?.id}`);
    await deps.sender.send(message.chat.id, plainMessage(texts.unknownCommand));
  });
  return feature;
}

export function otherUpdates(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.use(async (ctx) => {
    const { texts, log } = scopeOf(ctx, deps.logger);
    if (ctx.callbackQuery) {
      log.info(`Неизвестная кнопка от пользователя ${ctx.from?.id}`);
      await deps.sender.answerCallback(ctx.callbackQuery.id, texts.sourceExpired);
      return;
    }
    const userId = ctx.from?.id;
    if (!ctx.message || ctx.chat?.type !== "private" || userId === undefined) return;
    deps.metrics.refusals.inc({ reason: "non_text" });
    log.info(`Сообщение без текста от пользователя ${userId}`);
    if (await deps.mayNotify(userId)) await deps.sender.send(ctx.chat.id, plainMessage(texts.onlyText));
  });
  return feature;
}
