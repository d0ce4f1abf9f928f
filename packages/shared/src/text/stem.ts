// Snowball stemming for Russian and English (the @nlpjs ports of the Snowball algorithms),
// so «книгами», «книги» and «книга» meet at «книг». Results are memoised because the
// same words recur across a library and stemming sits on the indexing hot path.
import { createRequire } from "node:module";
import type { AnswerLanguage } from "../answer/types.js";
import { memoizeByKey } from "./memoize-by-key.js";

interface SnowballStemmer {
  stemWord(word: string): string;
}
type StemmerClass = new () => SnowballStemmer;

// The @nlpjs packages are CommonJS without type declarations; this is the one call we use.
const require = createRequire(import.meta.url);
const { StemmerRu } = require("@nlpjs/lang-ru") as { StemmerRu: StemmerClass };
const { StemmerEn } = require("@nlpjs/lang-en-min") as { StemmerEn: StemmerClass };

const stemmers: Record<AnswerLanguage, SnowballStemmer> = { ru: new StemmerRu(), en: new StemmerEn() };
const MEMO_LIMIT = 200_000;
const memoized: Record<AnswerLanguage, (word: string) => string> = {
  ru: memoizeByKey(MEMO_LIMIT, (word) => stemmers.ru.stemWord(word) || word),
  en: memoizeByKey(MEMO_LIMIT, (word) => stemmers.en.stemWord(word) || word),
};

/** Stems one lower-case word. Digits and words of 2 letters or fewer come back unchanged. */
export function stem(word: string, lang: AnswerLanguage): string {
  return word.length <= 2 ? word : memoized[lang](word);
}
