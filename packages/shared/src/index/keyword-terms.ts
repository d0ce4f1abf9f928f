// The terms the keyword index stores for a chunk and looks up for a question. Both sides go
// through the same function, so morphology (Snowball stems per word's script), ё→е, case,
// diacritics and line-end hyphenation are folded identically. Hyphenated compounds are also
// indexed joined ("e-mail" → "email", «Нью-Йорк» → «ньюйорк») so either spelling finds them.
import { wordLanguage } from "../text/detect-language.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { termsOfWords } from "../text/search-terms.js";
import { stem } from "../text/stem.js";
import { tokenize } from "../text/tokenize.js";

/** Recorded in the manifest: bump when the recipe changes, so old indexes are known to differ. */
export const KEYWORD_TERMS_VERSION = "snowball-ru-en-v1";

const HYPHENATED = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)+/gu;

function joinedCompounds(normalised: string): string[] {
  if (!normalised.includes("-") && !normalised.includes("\u2010") && !normalised.includes("\u2011")) return [];
  const joined: string[] = [];
  for (const match of normalised.matchAll(HYPHENATED)) {
    const word = match[0].replace(/[-\u2010\u2011]/g, "");
    joined.push(stem(word, wordLanguage(word)));
  }
  return joined;
}

/** A lone letter is the debris of an apostrophe or an initial ("Ahab's" → "ahab", "s"), not a topic. */
const isLoneLetter = (term: string) => term.length === 1 && !/\d/.test(term);

/** Stemmed content words of `text` in order, then the joined forms of its hyphenated compounds. */
export function keywordTerms(text: string): string[] {
  const normalised = normaliseForSearch(text);
  const terms = termsOfWords(tokenize(normalised)).filter((term) => !isLoneLetter(term));
  return [...terms, ...joinedCompounds(normalised)];
}
