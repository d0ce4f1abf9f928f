// One library often holds the same text twice: a README and its PDF rendering, two editions of
// a book. Their sentences differ in case, punctuation, line-end hyphenation or a page header
// glued on, so exact comparison lets the answer quote the same sentence twice. Sentences are
// compared as word sequences instead: one containing the other, or nearly the same words.
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { tokenize } from "../text/tokenize.js";

/** Share of distinct words two sentences must have in common (Jaccard) to count as one. */
const NEAR_DUPLICATE_JACCARD = 0.8;
/** A sentence this short is only a duplicate when its words are identical, not contained. */
const MIN_CONTAINED_WORDS = 5;

// Hyphens (and a line break or space after them) inside a word: "pub-\nlished", "pub- lished"
// and "e-mail" all read as one word, so a hyphenated rendering matches the unhyphenated one.
const WORD_HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011\u00ad]\s*(?=[\p{L}\p{N}])/gu;

/** The sentence as search-normalised words (case, ё, diacritics), without word-internal hyphens. */
export function comparableWords(sentence: string): string[] {
  return tokenize(normaliseForSearch(sentence.replace(WORD_HYPHEN, "")));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Whether two sentences say the same thing in the same words, give or take formatting. */
export function isNearDuplicate(a: readonly string[], b: readonly string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 0) return false;
  const joinedShorter = ` ${shorter.join(" ")} `;
  if (shorter.length === longer.length) {
    if (joinedShorter === ` ${longer.join(" ")} `) return true;
  } else if (shorter.length >= MIN_CONTAINED_WORDS && ` ${longer.join(" ")} `.includes(joinedShorter)) {
    return true;
  }
  return jaccard(new Set(a), new Set(b)) >= NEAR_DUPLICATE_JACCARD;
}

/**
 * Drops every item that nearly duplicates an earlier one. Items come best first, so of each
 * set of near-duplicates the best is kept.
 */
export function withoutNearDuplicates<T>(items: readonly T[], textOf: (item: T) => string): T[] {
  const kept: { item: T; words: string[] }[] = [];
  for (const item of items) {
    const words = comparableWords(textOf(item));
    if (kept.some((other) => isNearDuplicate(words, other.words))) continue;
    kept.push({ item, words });
  }
  return kept.map((entry) => entry.item);
}
