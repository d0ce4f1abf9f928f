// Whether a retrieved passage answers an evaluation question: it must come from the
// question's book and contain the expected text. Both sides are compared as word sequences
// after search normalisation, so case, ё/е, hyphenation at line ends, punctuation and PDF
// line wrapping do not decide a hit; a partial word ("30" inside "308") never counts.
import type { Passage } from "@ai-library/shared/retrieval";
import { normaliseForSearch, tokenize } from "@ai-library/shared/text";

export function comparableWords(text: string): string {
  return ` ${tokenize(normaliseForSearch(text)).join(" ")} `;
}

export function isHit(passage: Passage, file: string, expectedWords: string): boolean {
  return passage.file === file && comparableWords(passage.text).includes(expectedWords);
}

/** 1-based rank of the first hit, or undefined when no passage is a hit. */
export function firstHitRank(passages: readonly Passage[], file: string, expected: string): number | undefined {
  const expectedWords = comparableWords(expected);
  const index = passages.findIndex((passage) => isHit(passage, file, expectedWords));
  return index >= 0 ? index + 1 : undefined;
}
