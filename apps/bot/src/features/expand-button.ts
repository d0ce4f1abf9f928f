// «Подробнее [n]» / "Expand [n]": the section around a cited source, read from the generation
// served now (book id and chunk position, so it survives a swap while the book stays), as
// running text split over messages. Bound to the user who asked, like the quote buttons.
import { Composer, type Context } from "telegraf";
import { EXPAND_CALLBACK_PREFIX } from "../answering/issued-sources.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { bookTitle, locationOf } from "../format/describe-source.js";
import { escapeHtml } from "../format/html.js";
import { plainMessage } from "../format/render-answer.js";
import { runningText } from "../format/running-text.js";
import { packBlocks, plainTextBlocks } from "../format/split-message.js";
import { describeTelegramError } from "../telegram/telegram-errors.js";

/** Most characters of a section shown: two messages' worth, a page or two of a book. */
export const EXPAND_BUDGET = 7000;

export function expandButton(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.action(new RegExp(`^${EXPAND_CALLBACK_PREFIX}`), async (ctx) => {
    const { texts, log } = scopeOf(ctx, deps.logger);
    const data = "data" in ctx.callbackQuery ? ctx.callbackQuery.data : "";
    const userId = ctx.from.id;
    const found = deps.sources.lookup(data, userId);
    if (found.status !== "ok") {
      log.info(`Кнопка «Подробнее» ${data} от пользователя ${userId}: ${found.status}`);
      await deps.sender.answerCallback(
        ctx.callbackQuery.id,
        found.status === "expired" ? texts.sourceExpired : texts.sourceNotYours,
      );
      return;
    }
    await deps.sender.answerCallback(ctx.callbackQuery.id);
    const chatId = ctx.callbackQuery.message?.chat.id ?? userId;
    const { passage, index } = found.source;
    const section = await deps
      .sectionAround(passage.bookId, passage.position, EXPAND_BUDGET)
      .catch((error: unknown) => {
        log.error(`Не удалось прочитать раздел для пользователя ${userId}: ${describeTelegramError(error)}`);
        return null;
      });
    if (section === null) {
      await deps.sender.send(chatId, plainMessage(texts.failed));
      return;
    }
    if (!section) {
      await deps.sender.send(chatId, plainMessage(texts.expandGone));
      return;
    }
    log.info(`Пользователь ${userId} раскрыл источник [${index}]: ${section.passage.text.length} символов`);
    const where = locationOf(section.passage, texts);
    const header =
      `<b>${escapeHtml(texts.expandHeader(index, !section.whole))}</b> <i>${escapeHtml(bookTitle(section.passage))}</i>` +
      `${where ? `, ${escapeHtml(where)}` : ""}`;
    const messages = packBlocks([{ html: header, gap: "\n" }, ...plainTextBlocks(runningText(section.passage.text))]);
    for (const html of messages) await deps.sender.send(chatId, { html });
  });
  return feature;
}
