// The "quote [n]" buttons under an answer: pressing one shows the passage the answer cited,
// with a «Подробнее» button that expands it to its section. Only the user who asked may open
// it; a button from before a restart or too long ago is politely reported as expired.
import { Composer, type Context } from "telegraf";
import { EXPAND_CALLBACK_PREFIX, SOURCE_CALLBACK_PREFIX } from "../answering/issued-sources.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { bookTitle, locationOf } from "../format/describe-source.js";
import { escapeHtml } from "../format/html.js";
import { QUOTE_BUDGET } from "../format/limits.js";
import { runningText } from "../format/running-text.js";
import { sliceWhole } from "../format/split-text.js";

export function sourceButton(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.action(new RegExp(`^${SOURCE_CALLBACK_PREFIX}`), async (ctx) => {
    const { texts, log } = scopeOf(ctx, deps.logger);
    const data = "data" in ctx.callbackQuery ? ctx.callbackQuery.data : "";
    const found = deps.sources.lookup(data, ctx.from.id);
    if (found.status !== "ok") {
      log.info(`Кнопка цитаты ${data} от пользователя ${ctx.from.id}: ${found.status}`);
      await deps.sender.answerCallback(
        ctx.callbackQuery.id,
        found.status === "expired" ? texts.sourceExpired : texts.sourceNotYours,
      );
      return;
    }
    const { passage, index } = found.source;
    await deps.sender.answerCallback(ctx.callbackQuery.id);
    const where = locationOf(passage, texts);
    const quote = runningText(passage.text);
    const shown = quote.length > QUOTE_BUDGET ? `${sliceWhole(quote, QUOTE_BUDGET)}…` : quote;
    const html =
      `<b>${escapeHtml(texts.sourceQuoteHeader(index))}</b> <i>${escapeHtml(bookTitle(passage))}</i>` +
      `${where ? `, ${escapeHtml(where)}` : ""}\n<blockquote>${escapeHtml(shown)}</blockquote>`;
    const chatId = ctx.callbackQuery.message?.chat.id ?? ctx.from.id;
    const expand = EXPAND_CALLBACK_PREFIX + data.slice(SOURCE_CALLBACK_PREFIX.length);
    await deps.sender.send(chatId, { html, buttons: [[{ text: texts.expandButton(index), callbackData: expand }]] });
  });
  return feature;
}
