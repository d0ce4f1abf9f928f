// Questions arrive typed on phones: "Ghandi" for "Gandhi", «библеотека», "septicemia" where the
// book says "septicemic". A question term that no chunk of the library holds adds nothing to
// BM25, so it is replaced by the library's closest term: at most two edits away (Damerau: a
// swapped pair of letters is one edit; Ghandi → Gandhi is two), with the same first letter,
// the fewest edits and then the most frequent term winning.
// Terms the library does hold are never touched, nor are numbers (1856 is not 1865).
import damerauLevenshtein from "damerau-levenshtein";

/**
 * Shortest term corrected at all: shorter stems have too many neighbours (at 4 letters the
 * Russian «строя» of «строящийся» became «строк», from «строка» of an algebra textbook).
 */
const MIN_CORRECTED_LENGTH = 6;
/** Most edits between a term and its correction (Elasticsearch's "AUTO" fuzziness from 6 letters). */
const MAX_EDITS = 2;
const LETTERS_ONLY = /^\p{L}+$/u;

export interface VocabularyTerm {
  term: string;
  /** Chunks holding the term. */
  chunks: number;
}

/** Library terms starting with `first` whose length is within `lengths`. */
export type VocabularyLookup = (first: string, lengths: { min: number; max: number }) => VocabularyTerm[];

/** The library's closest term to an unknown one, or undefined when none is close enough. */
export function closestKnownTerm(term: string, lookup: VocabularyLookup): string | undefined {
  if (term.length < MIN_CORRECTED_LENGTH || !LETTERS_ONLY.test(term)) return undefined;
  const first = term.slice(0, 1);
  let best: { term: string; steps: number; chunks: number } | undefined;
  for (const candidate of lookup(first, { min: term.length - MAX_EDITS, max: term.length + MAX_EDITS })) {
    if (candidate.chunks === 0 || candidate.term === term) continue;
    const { steps } = damerauLevenshtein(term, candidate.term);
    if (steps > MAX_EDITS) continue;
    if (!best || steps < best.steps || (steps === best.steps && candidate.chunks > best.chunks)) {
      best = { term: candidate.term, steps, chunks: candidate.chunks };
    }
  }
  return best?.term;
}
