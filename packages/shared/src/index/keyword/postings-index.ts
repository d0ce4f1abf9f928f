// Keyword search over a generation's keywords.bin, ranked exactly as FTS5's bm25() ranked the
// docstore's table before it (generations written before keywords.bin still use that table):
// per phrase IDF = ln((N − hits + 0.5) / (hits + 0.5)), at least 1e-6; a chunk's frequency for
// a phrase counts each instance in its text as 1 and each in its heading as HEADING_WEIGHT; k1
// 1.2, b 0.75, length = tokens in text and heading. The rows and the dictionary are held in
// memory (~20 MB at 1M chunks); postings are read per query term from the file (page cache),
// as SQLite read FTS5's pages.
import { closeSync, openSync } from "node:fs";
import type { KeywordIndex, LabelRange, ScoredLabel } from "./keyword-index.js";
import {
  HEADING_WEIGHT,
  inverseDocumentFrequency,
  isCommonTerm,
  type QueryPhrase,
  queryPhrases,
} from "./keyword-query.js";
import { lowerBound, type PostingsDictionary, readDictionary, readPostings, termAt } from "./postings-file.js";
import type { VocabularyLookup } from "./spelling-variants.js";
import { closestKnownTerm } from "./spelling-variants.js";

const K1 = 1.2;
const B = 0.75;

export interface PostingsKeywordIndex extends KeywordIndex {
  readonly chunkCount: number;
  close(): void;
}

export function openPostingsIndex(path: string): PostingsKeywordIndex {
  const fd = openSync(path, "r");
  let dictionary: PostingsDictionary;
  try {
    dictionary = readDictionary(fd, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const { labels, lengths, textChunks } = dictionary;
  const rowCount = dictionary.header.rowCount;
  const termCount = dictionary.header.termCount;
  const averageLength = rowCount === 0 ? 0 : dictionary.header.totalTokens / rowCount;
  // Scratch per search, reused: score and this phrase's counts per row, and the rows touched.
  const scores = new Float64Array(rowCount);
  const phraseText = new Uint32Array(rowCount);
  const phraseHeading = new Uint32Array(rowCount);
  const scored = new Uint8Array(rowCount);

  const indexOf = (term: string): number => {
    const at = lowerBound(dictionary, term);
    return at < termCount && termAt(dictionary, at) === term ? at : -1;
  };
  const textChunksOf = (term: string): number => {
    const at = indexOf(term);
    return at < 0 ? 0 : (textChunks[at] as number);
  };
  /** Dictionary indexes a phrase matches: one term, or every term starting with a prefix. */
  const termsOf = (phrase: QueryPhrase): number[] => {
    if (!phrase.prefix) {
      const at = indexOf(phrase.text);
      return at < 0 ? [] : [at];
    }
    const found: number[] = [];
    for (let at = lowerBound(dictionary, phrase.text); at < termCount; at++) {
      if (!termAt(dictionary, at).startsWith(phrase.text)) break;
      found.push(at);
    }
    return found;
  };
  /** First row whose label is ≥ label. */
  const rowFrom = (label: number): number => {
    let lo = 0;
    let hi = rowCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((labels[mid] as number) < label) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const rowRanges = (within: readonly LabelRange[]) =>
    within.map((range) => [rowFrom(range.firstLabel), rowFrom(range.firstLabel + range.chunkCount)] as const);

  function search(terms: readonly string[], limit: number, within?: readonly LabelRange[]): ScoredLabel[] {
    if (limit <= 0 || rowCount === 0 || (within && within.length === 0)) return [];
    const phrases = queryPhrases(
      terms.map((term) => ({ term, chunks: textChunksOf(term) })),
      rowCount,
    );
    const touchedRows: number[] = [];
    for (const phrase of phrases) {
      const phraseRows: number[] = [];
      for (const index of termsOf(phrase)) {
        const { count, words, halves } = readPostings(fd, dictionary, index);
        for (let i = 0; i < count; i++) {
          const row = words[2 * i] as number;
          if (phraseText[row] === 0 && phraseHeading[row] === 0) phraseRows.push(row);
          phraseText[row] = (phraseText[row] as number) + (halves[4 * i + 2] as number);
          phraseHeading[row] = (phraseHeading[row] as number) + (halves[4 * i + 3] as number);
        }
      }
      // FTS5 counts a phrase's hits over the whole table, whatever the query keeps.
      const hits = phraseRows.length;
      let idf = Math.log((rowCount - hits + 0.5) / (hits + 0.5));
      if (idf <= 0) idf = 1e-6;
      for (const row of phraseRows) {
        // FTS5 adds each instance's column weight in turn: the text's first, then the heading's.
        let frequency = phraseText[row] as number;
        for (let h = phraseHeading[row] as number; h > 0; h--) frequency += HEADING_WEIGHT;
        const norm = K1 * (1 - B + (B * (lengths[row] as number)) / averageLength);
        if (scored[row] === 0) {
          scored[row] = 1;
          scores[row] = 0;
          touchedRows.push(row);
        }
        scores[row] = (scores[row] as number) + idf * ((frequency * (K1 + 1)) / (frequency + norm));
        phraseText[row] = 0;
        phraseHeading[row] = 0;
      }
    }
    for (const row of touchedRows) scored[row] = 0;
    const ranges = within ? rowRanges(within) : undefined;
    const candidates = ranges
      ? touchedRows.filter((row) => ranges.some(([from, to]) => row >= from && row < to))
      : touchedRows;
    return topRows(candidates, limit).map((row) => ({ label: labels[row] as number, score: scores[row] as number }));
  }

  /** The `limit` best rows, best score first, lower label first among equals. */
  function topRows(rows: number[], limit: number): number[] {
    let kept = rows;
    if (rows.length > limit * 4) {
      // The limit-th best score by a numeric sort of the scores alone, then only rows at or above it.
      const values = Float64Array.from(rows, (row) => -(scores[row] as number)).sort();
      const threshold = -(values[limit - 1] as number);
      kept = rows.filter((row) => (scores[row] as number) >= threshold);
    }
    return kept.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b).slice(0, limit);
  }

  const vocabulary: VocabularyLookup = (first, bounds) => {
    const found: { term: string; chunks: number }[] = [];
    for (let at = lowerBound(dictionary, first); at < termCount; at++) {
      const term = termAt(dictionary, at);
      if (!term.startsWith(first)) break;
      const chunks = textChunks[at] as number;
      if (chunks > 0 && term.length >= bounds.min && term.length <= bounds.max) found.push({ term, chunks });
    }
    return found;
  };

  return {
    chunkCount: rowCount,
    search,
    textChunksWithin(term, range) {
      const at = indexOf(term);
      if (at < 0) return 0;
      const [from, to] = rowRanges([range])[0] as readonly [number, number];
      const { count, words, halves } = readPostings(fd, dictionary, at);
      let inRange = 0;
      for (let i = 0; i < count; i++) {
        const row = words[2 * i] as number;
        if (row >= from && row < to && (halves[4 * i + 2] as number) > 0) inRange++;
      }
      return inRange;
    },
    inverseDocumentFrequency: (term) => inverseDocumentFrequency(textChunksOf(term), rowCount),
    knownTerms: (terms) =>
      terms.map((term) => (indexOf(term) >= 0 ? term : (closestKnownTerm(term, vocabulary) ?? term))),
    isSearchable(term) {
      const chunks = textChunksOf(term);
      return chunks > 0 && !isCommonTerm(chunks, rowCount);
    },
    close: () => closeSync(fd),
  };
}
