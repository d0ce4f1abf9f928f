// The term pipeline shared by the extractive answerer, the hashed embedder and keyword
// search: normalise → words → drop stop words → stem, each word in its own script's language.
import { wordLanguage } from "./detect-language.js";
import { normaliseForSearch } from "./normalise-for-search.js";
import { stem } from "./stem.js";
import { isStopword } from "./stopwords.js";
import { tokenize } from "./tokenize.js";

/** Stemmed content words of a normalised word list, in order. */
function termsOfWords(words: readonly string[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    const lang = wordLanguage(word);
    if (isStopword(word, lang)) continue;
    terms.push(stem(word, lang));
  }
  return terms;
}

/** Stemmed content words of raw text, in order (duplicates kept, for term frequencies). */
export function searchTerms(text: string): string[] {
  return termsOfWords(tokenize(normaliseForSearch(text)));
}
