// Evidence from around a chunk, for ranking it. Book level: a chunk whose book (an article,
// a story, a set of lecture notes) also holds several other good candidates is more likely the
// one that answers than an equally scored chunk alone in an unrelated book: a question such as "what goal do
// these protests have?" shares one common word with many books, but its own article is full of
// it. Each book's evidence is the sum of its candidates' first-pass scores over its chunk
// count to the power BOOK_SIZE_EXPONENT, so a long book does not win by many weak matches;
// the best book's evidence is 1.
// Neighbour level: an answer often sits just past the chunk that matches the question's words
// ("…Dr. Roylott…" ends one chunk, "It is a swamp adder!" opens the next), so a chunk gains a
// share of its better neighbour's score.
import type { ScoredLabel } from "../index/keyword/keyword-index.js";

/**
 * 0.75, chosen with `pnpm eval`: at 0.5 a Japanese grammar book, where "означает" is on every
 * page, out-weighed the one article defining «простое»; at 1 the figures were the same as 0.75.
 */
const BOOK_SIZE_EXPONENT = 0.75;

export interface BookSpan {
  firstLabel: number;
  chunkCount: number;
}

/** The book (index into `books`, sorted by firstLabel) each label belongs to. */
function bookFinder(books: readonly BookSpan[]): (label: number) => number {
  return (label) => {
    let lo = 0;
    let hi = books.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((books[mid]?.firstLabel ?? 0) <= label) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Adds `weight` × the book's relative evidence to each hit; best first. */
export function withBookEvidence(
  hits: readonly ScoredLabel[],
  books: readonly BookSpan[],
  weight: number,
): ScoredLabel[] {
  if (weight <= 0 || books.length === 0) return [...hits];
  const sorted = [...books].sort((a, b) => a.firstLabel - b.firstLabel);
  const bookOf = bookFinder(sorted);
  const sums = new Map<number, number>();
  for (const hit of hits) {
    const book = bookOf(hit.label);
    sums.set(book, (sums.get(book) ?? 0) + Math.max(0, hit.score));
  }
  const evidence = new Map<number, number>();
  let best = 0;
  for (const [book, sum] of sums) {
    const value = sum / Math.max(1, sorted[book]?.chunkCount ?? 1) ** BOOK_SIZE_EXPONENT;
    evidence.set(book, value);
    best = Math.max(best, value);
  }
  if (best === 0) return [...hits];
  return hits
    .map((hit) => ({ label: hit.label, score: hit.score + (weight * (evidence.get(bookOf(hit.label)) ?? 0)) / best }))
    .sort((a, b) => b.score - a.score);
}

/** Adds `weight` × the better score of the chunk's two neighbours in the same book; best first. */
export function withNeighbourEvidence(
  hits: readonly ScoredLabel[],
  books: readonly BookSpan[],
  weight: number,
): ScoredLabel[] {
  if (weight <= 0 || books.length === 0) return [...hits];
  const bookOf = bookFinder([...books].sort((a, b) => a.firstLabel - b.firstLabel));
  const scores = new Map(hits.map((hit) => [hit.label, hit.score]));
  const neighbour = (label: number, book: number) => (bookOf(label) === book ? (scores.get(label) ?? 0) : 0);
  return hits
    .map((hit) => {
      const book = bookOf(hit.label);
      const best = Math.max(neighbour(hit.label - 1, book), neighbour(hit.label + 1, book));
      return { label: hit.label, score: hit.score + weight * Math.max(0, best) };
    })
    .sort((a, b) => b.score - a.score);
}
