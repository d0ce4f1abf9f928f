// Picks the texts for a user: English when their Telegram language is English, else Russian.
import { en } from "./en.js";
import { ru } from "./ru.js";
import type { Lang, Texts } from "./texts.js";

export type { Lang, LibraryFacts, StatusFacts, Texts } from "./texts.js";

export function languageOf(languageCode: string | undefined): Lang {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "ru";
}

export function textsFor(lang: Lang): Texts {
  return lang === "en" ? en : ru;
}

export const ALL_LANGUAGES: readonly Lang[] = ["ru", "en"];
