// The thesaurus remedy: the question's terms' synonyms searched beside the question at a low
// weight, so a chunk that says "replicate" still scores for "repeats", but below a chunk that
// uses the reader's own words. Each synonym remembers the question term it stands for: term
// proximity (score-candidates.ts) counts it as that term, at the same low weight.
import type { Thesaurus } from "./thesaurus.js";
import type { WeightedQuery } from "./weighted-query.js";

/** Synonyms per question term searched for, in the thesaurus's order (commonest sense first). */
const SYNONYMS_PER_TERM = 8;

/**
 * Synonym → the question term it stands for. `spelled` are the question's terms as typed and
 * `terms` the same after spelling correction: a word the library lacks ("holiday") may have
 * been "corrected" to an unrelated one, yet its synonyms ("vacation") are what the book says.
 * Only synonyms the library can search (held by some chunk, not in most) are kept.
 */
export function questionSynonyms(
  spelled: readonly string[],
  terms: readonly string[],
  thesaurus: Thesaurus,
  searchable: (terms: readonly string[]) => string[],
): Map<string, string> {
  const question = new Set([...spelled, ...terms]);
  const synonyms = new Map<string, string>();
  terms.forEach((term, at) => {
    const typed = spelled[at] ?? term;
    const candidates = [...new Set([...thesaurus.synonymsOf(typed), ...thesaurus.synonymsOf(term)])].filter(
      (synonym) => !question.has(synonym) && !synonyms.has(synonym),
    );
    for (const synonym of searchable(candidates).slice(0, SYNONYMS_PER_TERM)) synonyms.set(synonym, term);
  });
  return synonyms;
}

/** One query for all synonyms: they share one weight, and BM25 of an OR query is the sum over its terms. */
export function synonymQuery(synonyms: ReadonlyMap<string, string>, weight: number): WeightedQuery[] {
  return weight > 0 && synonyms.size > 0 ? [{ terms: [...synonyms.keys()], weight }] : [];
}
