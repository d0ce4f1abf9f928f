// What Telegram checks before it accepts a message text and its inline keyboard: HTML
// entities, the empty and the 4096-character limits, and 1–64 byte callback data.
import { badRequest } from "./api-error.js";
import { parseTelegramHtml } from "./parse-html.js";
import type { TgReplyMarkup } from "./types.js";

export const MAX_MESSAGE_CHARS = 4096;

/** Returns the visible text of a message, or throws the 400 Telegram would answer. */
export function visibleText(raw: unknown, parseMode: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") throw badRequest("message text is empty");
  let text = raw;
  if (typeof parseMode === "string" && parseMode.toUpperCase() === "HTML") {
    const parsed = parseTelegramHtml(raw);
    if (!parsed.ok) throw badRequest(parsed.description.replace(/^Bad Request: /, ""));
    text = parsed.text;
  } else if (parseMode !== undefined && parseMode !== "MarkdownV2" && parseMode !== "Markdown") {
    throw badRequest("unsupported parse_mode");
  }
  if (text.trim() === "") throw badRequest("message text is empty");
  // Telegram counts UTF-16 code units after entity parsing, which is JavaScript's length.
  if (text.length > MAX_MESSAGE_CHARS) throw badRequest("message is too long");
  return text;
}

/** reply_markup arrives as an object (JSON body) or a JSON string (form body). */
export function readReplyMarkup(value: unknown): TgReplyMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  let markup: unknown = value;
  if (typeof value === "string") {
    try {
      markup = JSON.parse(value);
    } catch {
      throw badRequest("can't parse reply keyboard markup JSON object");
    }
  }
  const keyboard = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(keyboard)) return undefined;
  for (const row of keyboard) {
    if (!Array.isArray(row))
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    for (const button of row as { text?: unknown; callback_data?: unknown; url?: unknown }[]) {
      if (typeof button.text !== "string" || button.text === "") throw badRequest("BUTTON_TEXT_INVALID");
      if (button.callback_data !== undefined) {
        const bytes = typeof button.callback_data === "string" ? Buffer.byteLength(button.callback_data) : 0;
        if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
      } else if (typeof button.url !== "string") {
        throw badRequest('can\'t find field "callback_data" or "url" in the inline keyboard button');
      }
    }
  }
  return markup as TgReplyMarkup;
}
