// The terms the keyword index stores for a chunk and looks up for a question. Both sides go
// through the same function, so morphology (Snowball stems per word's script), ё→е, case,
// diacritics and line-end hyphenation are folded identically. Hyphenated compounds are also
// indexed joined ("e-mail" → "email", «Нью-Йорк» → «ньюйорк») so either spelling finds them.
import { wordLanguage } from "../../text/detect-language.js";
import { memoizeByKey } from "../../text/memoize-by-key.js";
import { normaliseForSearch } from "../../text/normalise-for-search.js";
import { isAsciiNumber, stem } from "../../text/stem.js";
import { isStopword } from "../../text/stopwords.js";
import { tokenize } from "../../text/tokenize.js";

/** Recorded in the manifest: bump when the recipe changes, so old indexes are known to differ. */
// v2: superscript and subscript digits (footnote marks) end a word instead of joining it.
// v3: "quite", "rather", "somewhat" are stopwords (text/stopwords.ts).
export const KEYWORD_TERMS_VERSION = "snowball-ru-en-v3";

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const isHyphen = (char: string | undefined) => char === "-" || char === "\u2010" || char === "\u2011";
const isWordChar = (char: string | undefined) => char !== undefined && WORD_CHAR.test(char);
const WORD_CACHE_LIMIT = 300_000;
// Word → term (null: not indexed). Words repeat heavily across a library; indexing runs this
// over every chunk, so each distinct word is classified and stemmed once.
const termOf = memoizeByKey(WORD_CACHE_LIMIT, (word): string | null => {
  const lang = wordLanguage(word);
  // A lone letter is the debris of an apostrophe or an initial ("Ahab's" → "ahab", "s"), not a topic.
  const lone = word.length === 1 && !/\d/.test(word);
  return lone || isStopword(word, lang) ? null : stem(word, lang);
});

/**
 * Words joined by hyphens ("e-mail", "нью-йорк", "северо-западный"), joined and stemmed. A scan
 * outward from each hyphen: a Unicode regex over every chunk cost more than the rest of indexing.
 */
function joinedCompounds(normalised: string): string[] {
  const joined: string[] = [];
  let from = 0;
  for (;;) {
    let hyphen = -1;
    for (let i = from; i < normalised.length; i++) {
      if (isHyphen(normalised[i]) && isWordChar(normalised[i - 1]) && isWordChar(normalised[i + 1])) {
        hyphen = i;
        break;
      }
    }
    if (hyphen < 0) return joined;
    let start = hyphen;
    while (isWordChar(normalised[start - 1])) start--;
    let end = hyphen + 1;
    for (;;) {
      while (isWordChar(normalised[end])) end++;
      if (isHyphen(normalised[end]) && isWordChar(normalised[end + 1])) end++;
      else break;
    }
    const parts = normalised.slice(start, end).split(/[-\u2010\u2011]/);
    const term = termOf(parts.join(""));
    if (term) joined.push(term);
    from = end;
  }
}

/** Stemmed content words of `text` in order, then the joined forms of its hyphenated compounds. */
export function keywordTerms(text: string): string[] {
  const normalised = normaliseForSearch(text);
  const terms: string[] = [];
  for (const word of tokenize(normalised)) {
    // A number is its own term (no stop word, no stem): kept out of the word cache, which a
    // library's many distinct numbers would otherwise fill and empty over and over.
    const term = isAsciiNumber(word) ? word : termOf(word);
    if (term) terms.push(term);
  }
  if (normalised.includes("-") || normalised.includes("\u2010") || normalised.includes("\u2011")) {
    terms.push(...joinedCompounds(normalised));
  }
  return terms;
}
