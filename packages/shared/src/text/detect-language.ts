// Decides whether a question or passage is Russian or English, so answers are framed in
// the asker's language. Russian is the default: operators are Russian-speaking.
import type { Language } from "./language.js";

/** Below this share of Cyrillic among letters a text counts as English. */
const MIN_CYRILLIC_SHARE_FOR_RUSSIAN = 0.3;

/**
 * Letter counts, not words: "Что такое PDF.js?" stays Russian (a Latin product name in a
 * Russian sentence), while "What is «Война и мир» about?" also stays Russian because the
 * Cyrillic share is high; only clearly Latin text is English. Empty/digit-only text → "ru".
 */
export function detectLanguage(text: string): Language {
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x0400 && code <= 0x04ff) cyrillic++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) {
      latin++;
    }
  }
  if (latin === 0) return "ru";
  return cyrillic / (cyrillic + latin) < MIN_CYRILLIC_SHARE_FOR_RUSSIAN ? "en" : "ru";
}

/** Per-word language by script: a Cyrillic letter anywhere makes it Russian. */
export function wordLanguage(word: string): Language {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x0400 && code <= 0x04ff) return "ru";
  }
  return "en";
}
