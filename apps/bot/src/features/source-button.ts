// The "quote [n]" buttons under an answer: pressing one shows the passage the answer cited.
// Only the user who asked may open it; a button from before a restart or too long ago is
// politely reported as expired.
import { joinHyphenation } from "@ai-library/shared/text";
import { Composer, type Context } from "telegraf";
import { SOURCE_CALLBACK_PREFIX } from "../answering/issued-sources.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { bookTitle, locationOf } from "../format/describe-source.js";
import { escapeHtml } from "../format/html.js";
import { QUOTE_BUDGET } from "../format/limits.js";
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
    // PDF text is wrapped at the page's line ends; a quote reads better as running text.
    const quote = joinHyphenation(passage.text)
      .replace(/([^\n])[ \t]*\n[ \t]*(?=[^\n])/g, "$1 ")
      .trim();
    const shown = quote.length > QUOTE_BUDGET ? `${sliceWhole(quote, QUOTE_BUDGET)}…` : quote;
    const html =
      `<b>${escapeHtml(texts.sourceQuoteHeader(index))}</b> <i>${escapeHtml(bookTitle(passage))}</i>` +
      `${where ? `, ${escapeHtml(where)}` : ""}\n<blockquote>${escapeHtml(shown)}</blockquote>`;
    const chatId = ctx.callbackQuery.message?.chat.id ?? ctx.from.id;
    await deps.sender.send(chatId, { html });
  });
  return feature;
}
