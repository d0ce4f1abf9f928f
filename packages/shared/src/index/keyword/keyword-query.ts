// Which phrases a keyword search asks for, shared by both keyword index formats (the postings
// file and, for generations written before it, the docstore's FTS5 table), so a question is
// read the same way whichever format the live generation has.

/** Russian stems at least this long are also matched by prefix (see queryPhrases). */
const MIN_PREFIX_STEM = 5;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A term in more than this share of chunks (and more than MIN_COMMON_CHUNKS of them) is left
 * out of the query: its BM25 weight is small, and its long posting list is most of the cost of
 * a search in a big library. If every term is that common, the rarest ones are kept.
 */
const COMMON_TERM_SHARE = 0.1;
const MIN_COMMON_CHUNKS = 200;
const KEEP_WHEN_ALL_COMMON = 3;
/** The prefix variant is added only for terms this rare: a common prefix matches half the vocabulary. */
const PREFIX_TERM_SHARE = 0.01;
const MIN_PREFIX_CHUNKS = 50;

/** BM25 weight of a heading match relative to a match in the chunk's own text. */
export const HEADING_WEIGHT = 0.3;

/** Whether a term held by `chunks` of `chunkCount` chunks is too common to be worth searching for. */
export function isCommonTerm(chunks: number, chunkCount: number): boolean {
  return chunks > Math.max(COMMON_TERM_SHARE * chunkCount, MIN_COMMON_CHUNKS);
}

export interface QueryTerm {
  term: string;
  /** Chunks holding the term in their text (document frequency). */
  chunks: number;
}

/** One alternative of the query: a whole term, or (prefix) any term starting with `text`. */
export interface QueryPhrase {
  text: string;
  prefix: boolean;
}

/**
 * The phrases of a query matching any of the terms, in query order. Snowball leaves Russian
 * stems apart where the word changes inside (кубок/кубка → «кубок»/«кубк», порох/пороховой), so
 * a long, rare Russian stem is also matched by its prefix two letters shorter; BM25 counts that
 * match as a separate, weaker phrase.
 */
export function queryPhrases(terms: readonly QueryTerm[], chunkCount: number): QueryPhrase[] {
  const distinct = [...new Map(terms.map((entry) => [entry.term, entry])).values()];
  const useful = distinct.filter((entry) => !isCommonTerm(entry.chunks, chunkCount));
  const kept =
    useful.length > 0 ? useful : [...distinct].sort((a, b) => a.chunks - b.chunks).slice(0, KEEP_WHEN_ALL_COMMON);
  const rare = Math.max(PREFIX_TERM_SHARE * chunkCount, MIN_PREFIX_CHUNKS);
  const phrases = new Map<string, QueryPhrase>();
  const add = (phrase: QueryPhrase) => phrases.set(`${phrase.prefix ? "*" : "="}${phrase.text}`, phrase);
  for (const { term, chunks } of kept) {
    add({ text: term, prefix: false });
    if (term.length >= MIN_PREFIX_STEM && CYRILLIC.test(term) && chunks <= rare) {
      add({ text: term.slice(0, Math.max(MIN_PREFIX_STEM, term.length - 2)), prefix: true });
    }
  }
  return [...phrases.values()];
}

/** BM25's inverse document frequency as the keyword index reports it for weighting question terms. */
export function inverseDocumentFrequency(chunks: number, chunkCount: number): number {
  return chunks === 0 ? 0 : Math.log(1 + (chunkCount - chunks + 0.5) / (chunks + 0.5));
}
