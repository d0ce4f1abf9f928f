// Chooses which sentences an extractive answer quotes: the best one, plus up to three more
// that answer nearly as well, never the same sentence twice (near-duplicates from another
// rendering of the same text count as the same), and trims run-on "sentences" (PDF text
// without full stops).
import { withoutNearDuplicates } from "./near-duplicates.js";
import type { ScoredSentence } from "./score-sentences.js";

const MAX_QUOTES = 4;
const MAX_QUOTE_CHARS = 400;
/** A further quote must reach this share of the best coverage. */
const RELATIVE_COVERAGE = 0.7;

export function selectQuotes(ranked: ScoredSentence[], minCoverage: number): ScoredSentence[] {
  const best = ranked[0];
  if (!best || best.coverage < minCoverage) return [];
  const floor = Math.max(minCoverage, best.coverage * RELATIVE_COVERAGE);
  // Ranked best first: of two renderings of one sentence the better-scored (the passage more
  // similar to the question, cited first) is kept.
  // A question the book asks ("Что такое кандзи?" over its section) is not an answer to it.
  const good = ranked.filter((sentence) => sentence.coverage >= floor && !isQuestion(sentence));
  return withoutNearDuplicates(good, (sentence) => sentence.text).slice(0, MAX_QUOTES);
}

function isQuestion(sentence: ScoredSentence): boolean {
  return !sentence.isCode && /[?？]["»”)]?\s*$/.test(sentence.text);
}

/** Cuts a long sentence to a window that starts shortly before the first question term it contains. */
export function trimQuote(text: string, firstMatchAt: number): string {
  if (text.length <= MAX_QUOTE_CHARS) return text;
  let start = Math.max(0, firstMatchAt - 120);
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = Math.min(text.length, start + MAX_QUOTE_CHARS);
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
