// The one place update failures end up (bot.catch and the detached handlers): the error is
// logged with the update id and user id — described, never dumped, since Telegraf's errors
// can carry the request URL with the token — and the user gets a polite reply.
import type { Context } from "telegraf";
import { HandlerTimeoutError } from "../app/background-tasks.js";
import { plainMessage } from "../format/render-answer.js";
import { describeTelegramError } from "../telegram/telegram-errors.js";
import type { BotDeps } from "./bot-deps.js";
import { scopeOf } from "./update-scope.js";

export async function handleUpdateError(
  error: unknown,
  ctx: Context,
  deps: Pick<BotDeps, "logger" | "sender" | "metrics" | "errors">,
): Promise<void> {
  const scope = scopeOf(ctx, deps.logger);
  const timedOut = error instanceof HandlerTimeoutError;
  deps.metrics.bot.errorOccurred(timedOut ? "timeout" : "handler");
  const what = timedOut ? "тайм-аут обработчика" : "ошибка";
  scope.log.error(
    `Обновление ${scope.updateId} от пользователя ${scope.userId ?? "?"}: ${what}: ${describeTelegramError(error)}`,
  );
  // A slow handler is load, seen in the metrics; an exception is a bug worth a report.
  if (!timedOut) void deps.errors.capture(error, { tags: { update_id: String(scope.updateId) } });
  const reply = error instanceof HandlerTimeoutError ? scope.texts.timeout : scope.texts.failed;
  try {
    if (ctx.callbackQuery) await deps.sender.answerCallback(ctx.callbackQuery.id, reply);
    else if (scope.chatId !== undefined) await deps.sender.send(scope.chatId, plainMessage(reply));
  } catch (sendError) {
    scope.log.error(
      `Не удалось сообщить пользователю ${scope.userId ?? "?"} об ошибке: ${describeTelegramError(sendError)}`,
    );
  }
}
