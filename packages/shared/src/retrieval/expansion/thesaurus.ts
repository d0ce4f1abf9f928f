// A thesaurus in the keyword index's own terms: a question term ("repeat", the stem of
// "repeats") gives the stems of its synonyms ("replic", from "replicate"), so the keyword
// search can also look for the words a book uses instead of the reader's. Built once per
// process from word lists (read-wordnet.ts, read-mythes.ts); a lookup is one Map read.
import { keywordTerms } from "../../index/keyword/keyword-terms.js";

export interface Thesaurus {
  /** Synonym terms of a question term, most common sense first; [] when it has none. */
  synonymsOf(term: string): readonly string[];
  /** Question terms with synonyms (0 for an empty thesaurus). */
  readonly size: number;
}

/** A headword and its synonyms, each a word or a phrase, most common sense first. */
export interface SynonymEntry {
  word: string;
  synonyms: readonly string[];
}

/** The single term a word or phrase is indexed as; undefined for stop words and phrases of several terms. */
function singleTermOf(text: string): string | undefined {
  if (text.includes(" ")) return undefined;
  const terms = keywordTerms(text);
  return terms.length === 1 ? terms[0] : undefined;
}

/**
 * Headwords and synonyms become terms the way chunks are indexed. Phrases ("take over",
 * «брать в наем») are left out: a phrase search would cost more than the rare match is worth.
 * Words that share a stem ("repeat", "repeated") share their synonyms, in the order met.
 */
export function thesaurusFromEntries(entries: Iterable<SynonymEntry>): Thesaurus {
  // WordNet names a word once per synset it shares: each distinct text is stemmed once.
  const termOf = new Map<string, string | undefined>();
  const singleTerm = (text: string) => {
    if (!termOf.has(text)) termOf.set(text, singleTermOf(text));
    return termOf.get(text);
  };
  const byTerm = new Map<string, Set<string>>();
  for (const { word, synonyms } of entries) {
    const term = singleTerm(word);
    if (term === undefined) continue;
    let found = byTerm.get(term);
    for (const synonym of synonyms) {
      const synonymTerm = singleTerm(synonym);
      if (synonymTerm === undefined || synonymTerm === term) continue;
      if (!found) {
        found = new Set();
        byTerm.set(term, found);
      }
      found.add(synonymTerm);
    }
  }
  const frozen = new Map([...byTerm].map(([term, synonyms]) => [term, [...synonyms]]));
  return { synonymsOf: (term) => frozen.get(term) ?? [], size: frozen.size };
}

export const EMPTY_THESAURUS: Thesaurus = { synonymsOf: () => [], size: 0 };
