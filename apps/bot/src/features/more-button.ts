// «Ещё» / "More" under an answer: the next passages for the same question (and the same
// follow-up context), answered like a new question but skipping what was shown, without the
// user starting over. It costs a search, so it counts against the question rate limit.
import { Composer, type Context } from "telegraf";
import { answerDepsOf } from "../answering/answer-deps-of.js";
import { answerQuestion } from "../answering/answer-question.js";
import { MORE_CALLBACK_PREFIX } from "../answering/issued-pages.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";

export function moreButton(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.action(new RegExp(`^${MORE_CALLBACK_PREFIX}`), async (ctx) => {
    const { texts, log } = scopeOf(ctx, deps.logger);
    const data = "data" in ctx.callbackQuery ? ctx.callbackQuery.data : "";
    const userId = ctx.from.id;
    const found = deps.pages.lookup(data, userId);
    if (found.status !== "ok") {
      log.info(`Кнопка «Ещё» ${data} от пользователя ${userId}: ${found.status}`);
      await deps.sender.answerCallback(
        ctx.callbackQuery.id,
        found.status === "expired" ? texts.moreExpired : texts.sourceNotYours,
      );
      return;
    }
    const chatId = ctx.callbackQuery.message?.chat.id ?? userId;
    const rate = await deps.rateLimiter.take(userId);
    if (!rate.allowed) {
      deps.metrics.refusals.inc({ reason: "rate_limit" });
      await deps.sender.answerCallback(ctx.callbackQuery.id, texts.rateLimited(rate.retryInSeconds));
      return;
    }
    await deps.sender.answerCallback(ctx.callbackQuery.id);
    const { question, followUp, rewritten, shown, page } = found.pages;
    log.info(`Пользователь ${userId} попросил ещё по вопросу (страница ${page + 2})`, {
      more: page + 1,
      usedContext: followUp !== undefined || rewritten !== undefined,
    });
    await answerQuestion(answerDepsOf(deps), {
      chatId,
      userId,
      question,
      ...(followUp ? { followUp } : {}),
      ...(rewritten ? { rewritten } : {}),
      more: { shown, page },
      texts,
      log,
    });
  });
  return feature;
}
