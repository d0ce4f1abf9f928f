// Per-update facts every feature needs: who asked, in which chat, in which language, and a
// logger that tags each line with the update and user ids.
import type { Logger } from "@ai-library/shared/logging";
import type { Context } from "telegraf";
import { type Lang, languageOf, type Texts, textsFor } from "../i18n/index.js";

export interface UpdateScope {
  updateId: number;
  userId: number | undefined;
  chatId: number | undefined;
  lang: Lang;
  texts: Texts;
  log: Logger;
}

export function scopeOf(ctx: Context, logger: Logger): UpdateScope {
  const lang = languageOf(ctx.from?.language_code);
  return {
    updateId: ctx.update.update_id,
    userId: ctx.from?.id,
    chatId: ctx.chat?.id,
    lang,
    texts: textsFor(lang),
    log: logger.child({ update: ctx.update.update_id, user: ctx.from?.id }),
  };
}
