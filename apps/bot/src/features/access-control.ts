// ALLOWED_USER_IDS: when set, only those users (and the admins) may use the bot; everyone
// else is told, at most once a minute, that the bot is private and what their id is.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { plainMessage } from "../format/render-answer.js";

export function isAllowed(userId: number, settings: BotDeps["settings"]): boolean {
  return settings.allowedUserIds.size === 0 || settings.allowedUserIds.has(userId) || settings.adminUserIds.has(userId);
}

export function accessControl(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.use(async (ctx, next) => {
    const userId = ctx.from?.id;
    if (userId === undefined || isAllowed(userId, deps.settings)) return next();
    const scope = scopeOf(ctx, deps.logger);
    deps.metrics.refusals.inc({ reason: "access" });
    scope.log.info(`Отказано в доступе пользователю ${userId}: его нет в ALLOWED_USER_IDS`);
    const notice = scope.texts.accessDenied(userId);
    if (ctx.callbackQuery) {
      await deps.sender.answerCallback(ctx.callbackQuery.id, notice);
      return;
    }
    if (scope.chatId !== undefined && (await deps.mayNotify(userId)))
      await deps.sender.send(scope.chatId, plainMessage(notice));
  });
  return feature;
}
