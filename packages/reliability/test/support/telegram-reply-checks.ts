// What "every reply well-formed" means, checked on the Bot API calls the stand-in recorded:
// Telegram accepted each one (no 400 the bot had to recover from), HTML parses the way
// Telegram parses it (allowed tags only, balanced), the visible text fits 4096 characters,
// every callback_data is 1–64 bytes and every callback answer ≤200 characters.
import { parseTelegramHtml, type RecordedCall } from "@ai-library/standins/telegram";

const MESSAGE_METHODS = new Set(["sendMessage", "editMessageText"]);

function markupProblems(markup: unknown): string[] {
  if (markup === undefined) return [];
  const parsed = typeof markup === "string" ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: { text?: unknown; callback_data?: unknown }[][] }).inline_keyboard ?? [];
  return rows.flat().flatMap((button) => {
    if (button.callback_data === undefined) return [];
    const bytes = Buffer.byteLength(String(button.callback_data));
    return bytes >= 1 && bytes <= 64 ? [] : [`callback_data of ${bytes} bytes`];
  });
}

function messageProblems(call: RecordedCall): string[] {
  const raw = String(call.params.text ?? "");
  const problems = markupProblems(call.params.reply_markup);
  let visible = raw;
  if (call.params.parse_mode === "HTML") {
    const parsed = parseTelegramHtml(raw);
    if (!parsed.ok) return [...problems, parsed.description];
    visible = parsed.text;
  }
  if (visible.trim() === "") problems.push("empty text");
  if (visible.length > 4096) problems.push(`${visible.length} visible characters`);
  return problems;
}

/**
 * One line per malformed or refused call. `unknownQueryIds`: callback queries the test injected
 * raw (the stand-in never issued them), whose answerCallbackQuery Telegram would refuse too.
 */
export function malformedCalls(calls: readonly RecordedCall[], unknownQueryIds: ReadonlySet<string> = new Set()) {
  return calls.flatMap((call) => {
    const where = `${call.method}(chat ${String(call.params.chat_id ?? "-")})`;
    if (call.method === "getUpdates" || call.method === "setMyCommands" || call.method === "getMe") return [];
    if (call.method === "answerCallbackQuery") {
      const id = String(call.params.callback_query_id ?? "");
      const text = call.params.text === undefined ? "" : String(call.params.text);
      if (text.length > 200) return [`${where}: callback answer of ${text.length} characters`];
      if (call.status !== 200 && !unknownQueryIds.has(id)) return [`${where}: ${call.status} ${call.error ?? ""}`];
      return [];
    }
    const problems = MESSAGE_METHODS.has(call.method) ? messageProblems(call) : [];
    // Re-rendering a message to the same content (a « » press on the page shown) is Telegram's
    // "not modified", which the bot expects and ignores: not a malformed reply.
    const unchanged = call.method === "editMessageText" && /message is not modified/.test(call.error ?? "");
    if (call.status !== 200 && !unchanged) problems.push(`${call.status} ${call.error ?? ""}`);
    return problems.map((problem) => `${where}: ${problem}`);
  });
}
