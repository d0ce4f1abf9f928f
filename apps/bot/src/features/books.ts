// /books: the library's books in pages of ten, with « » buttons that turn the page in place.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { bookTitle, shorten } from "../format/describe-source.js";
import { escapeHtml } from "../format/html.js";
import { type InlineButton, type OutgoingMessage, plainMessage } from "../format/render-answer.js";
import type { Texts } from "../i18n/index.js";
import { sortedBooks } from "./library-facts.js";

export const BOOKS_PER_PAGE = 10;
const PAGE_CALLBACK = /^books:(\d{1,6})$/;

export function booksPage(deps: BotDeps, texts: Texts, requested: number): OutgoingMessage {
  const books = sortedBooks(deps.library);
  if (books.length === 0) return plainMessage(texts.libraryEmpty);
  const pages = Math.ceil(books.length / BOOKS_PER_PAGE);
  const page = Math.min(Math.max(requested, 1), pages);
  const first = (page - 1) * BOOKS_PER_PAGE;
  const lines = books.slice(first, first + BOOKS_PER_PAGE).map((book, offset) => {
    const author = book.author ? ` — ${escapeHtml(shorten(book.author, 80))}` : "";
    return `${first + offset + 1}. <b>${escapeHtml(bookTitle(book))}</b>${author} <i>(${escapeHtml(book.format.toUpperCase())})</i>`;
  });
  const nav: InlineButton[] = [];
  if (page > 1) nav.push({ text: texts.booksPrev, callbackData: `books:${page - 1}` });
  if (page < pages) nav.push({ text: texts.booksNext, callbackData: `books:${page + 1}` });
  const html = `<b>${escapeHtml(texts.booksHeader(books.length, page, pages))}</b>\n\n${lines.join("\n")}`;
  return nav.length > 0 ? { html, buttons: [nav] } : { html };
}

export function books(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command("books", async (ctx) => {
    const { texts } = scopeOf(ctx, deps.logger);
    await deps.sender.send(ctx.chat.id, booksPage(deps, texts, 1));
  });
  feature.action(PAGE_CALLBACK, async (ctx) => {
    const { texts } = scopeOf(ctx, deps.logger);
    const page = Number(ctx.match[1]);
    await deps.sender.answerCallback(ctx.callbackQuery.id);
    const message = ctx.callbackQuery.message;
    if (message) await deps.sender.edit(message.chat.id, message.message_id, booksPage(deps, texts, page));
  });
  return feature;
}
