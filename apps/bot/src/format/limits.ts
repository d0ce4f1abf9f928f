// Telegram's message limit is 4096 characters of visible text; we stay a little below it so a
// header or a continuation mark never pushes a part over.
export const TELEGRAM_TEXT_LIMIT = 4096;
export const MESSAGE_BUDGET = 4000;
/** A quoted passage shown by a source button: long enough to read, short enough for one message. */
export const QUOTE_BUDGET = 3500;
/** Book titles are cut in source lists so one odd title cannot take a whole message. */
export const TITLE_BUDGET = 160;
