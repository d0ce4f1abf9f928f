// Cuts retrieved passages into sentences, each with its set of search terms, so the
// extractive answerer can quote the sentence that answers rather than a chunk's first line.
import type { Passage } from "../retrieval/types.js";
import { detectLanguage } from "../text/detect-language.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { searchTerms } from "../text/search-terms.js";
import { splitSentences } from "../text/split-sentences.js";

export interface SentenceCandidate {
  passageIndex: number;
  text: string;
  terms: Set<string>;
  /** Term prefixes, for partial credit between derived words (see score-sentences.ts). */
  prefixes: Set<string>;
}

export const PREFIX_LENGTH = 6;

export function prefixesOf(terms: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const term of terms) if (term.length >= PREFIX_LENGTH) prefixes.add(term.slice(0, PREFIX_LENGTH));
  return prefixes;
}

/** Headings and fragments this short carry the question's words but rarely its answer. */
const MIN_WORDS = 6;

/** Joins each too-short "sentence" (a heading, a label) to the sentence after it. */
function withShortOnesJoined(sentences: string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const sentence of sentences) {
    const text = pending ? `${pending} ${sentence}` : sentence;
    if (text.split(/\s+/).length < MIN_WORDS) pending = text;
    else {
      out.push(text);
      pending = "";
    }
  }
  if (pending) out.push(pending);
  return out;
}

/** Every sentence of every passage; a sentence repeated by overlapping chunks appears once. */
export function sentenceCandidates(passages: readonly Passage[]): SentenceCandidate[] {
  const seen = new Set<string>();
  const candidates: SentenceCandidate[] = [];
  passages.forEach((passage, passageIndex) => {
    for (const text of withShortOnesJoined(splitSentences(passage.text, detectLanguage(passage.text)))) {
      const key = normaliseForSearch(text).replace(/\s+/g, " ");
      if (seen.has(key)) continue;
      seen.add(key);
      const terms = new Set(searchTerms(text));
      if (terms.size === 0) continue;
      candidates.push({ passageIndex, text, terms, prefixes: prefixesOf(terms) });
    }
  });
  return candidates;
}
