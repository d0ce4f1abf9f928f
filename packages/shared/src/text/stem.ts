// Snowball stemming for Russian and English (the @nlpjs ports of the Snowball algorithms),
// so «книгами», «книги» and «книга» meet at «книг». Results are memoised because the
// same words recur across a library and stemming sits on the indexing hot path.
import { createRequire } from "node:module";
import type { Language } from "./language.js";
import { memoizeByKey } from "./memoize-by-key.js";

interface SnowballStemmer {
  stemWord(word: string): string;
}
type StemmerClass = new () => SnowballStemmer;

// The @nlpjs packages are CommonJS without type declarations; this is the one call we use.
const require = createRequire(import.meta.url);
const { StemmerRu } = require("@nlpjs/lang-ru") as { StemmerRu: StemmerClass };
const { StemmerEn } = require("@nlpjs/lang-en-min") as { StemmerEn: StemmerClass };

const stemmers: Record<Language, SnowballStemmer> = { ru: new StemmerRu(), en: new StemmerEn() };
const MEMO_LIMIT = 200_000;
const memoized: Record<Language, (word: string) => string> = {
  ru: memoizeByKey(MEMO_LIMIT, (word) => stemmers.ru.stemWord(word) || word),
  en: memoizeByKey(MEMO_LIMIT, (word) => stemmers.en.stemWord(word) || word),
};

/** True for a word of ASCII digits only ("1998", "000123"). */
export function isAsciiNumber(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Stems one lower-case word. Numbers and words of 2 letters or fewer come back unchanged. */
export function stem(word: string, lang: Language): string {
  // Snowball leaves digits as they are; and numbers are mostly unique (page numbers, years,
  // a synthetic library's row numbers), so through the memo they only evict the real words.
  return word.length <= 2 || isAsciiNumber(word) ? word : memoized[lang](word);
}
