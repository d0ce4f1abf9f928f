// Keyword search over a generation's keywords.bin files (one per segment, segments.ts), ranked
// exactly as FTS5's bm25() ranked the docstore's table before (generations written before
// keywords.bin still use that table) and exactly as one file holding every live chunk would:
// the statistics — chunks, tokens, each phrase's hits — count the live rows of all files
// together, never the rows of books removed since a file was written. Per phrase IDF =
// ln((N − hits + 0.5) / (hits + 0.5)), at least 1e-6; a chunk's frequency for a phrase counts
// each instance in its text as 1 and each in its heading as HEADING_WEIGHT; k1 1.2, b 0.75,
// length = tokens in text and heading. Rows and dictionaries are held in memory (~20 MB at 1M
// chunks); postings are read per query term from the files (page cache), as SQLite read FTS5's.
import { closeSync, openSync } from "node:fs";
import { memoizeByKey } from "../../text/memoize-by-key.js";
import type { KeywordIndex, LabelRange, ScoredLabel } from "./keyword-index.js";
import {
  HEADING_WEIGHT,
  inverseDocumentFrequency,
  isCommonTerm,
  type QueryPhrase,
  queryPhrases,
} from "./keyword-query.js";
import {
  firstRowFrom,
  lowerBound,
  type PostingsDictionary,
  readDictionary,
  readPostings,
  termAt,
} from "./postings-file.js";
import { closestKnownTerm, type VocabularyLookup } from "./spelling-variants.js";

const K1 = 1.2;
const B = 0.75;
/** Terms whose live counts are remembered (files never change while open). */
const REMEMBERED_TERMS = 20_000;

/** One keywords.bin and, when books were removed since it was written, which of its rows are dead. */
export interface PostingsPart {
  path: string;
  /** 1 for a row no live book covers; absent when every row is live. */
  dead?: Uint8Array;
}

export interface PostingsKeywordIndex extends KeywordIndex {
  /** Live chunks across the files. */
  readonly chunkCount: number;
  /** Rows each file holds, dead ones included, in the order given. */
  readonly rowsPerPart: readonly number[];
  close(): void;
}

interface OpenPart {
  fd: number;
  dictionary: PostingsDictionary;
  dead: Uint8Array | undefined;
  /** Where this file's rows start among all files' rows. */
  offset: number;
}

export function openPostingsIndex(files: string | readonly PostingsPart[]): PostingsKeywordIndex {
  const requested = typeof files === "string" ? [{ path: files }] : files;
  const parts: OpenPart[] = [];
  try {
    let offset = 0;
    for (const part of requested) {
      const fd = openSync(part.path, "r");
      try {
        const dictionary = readDictionary(fd, part.path);
        if (part.dead && part.dead.length !== dictionary.header.rowCount) {
          throw new Error(
            `${part.path}: ${dictionary.header.rowCount} rows, but ${part.dead.length} marked live or dead`,
          );
        }
        parts.push({ fd, dictionary, dead: part.dead, offset });
        offset += dictionary.header.rowCount;
      } catch (error) {
        closeSync(fd);
        throw error;
      }
    }
  } catch (error) {
    for (const part of parts) closeSync(part.fd);
    throw error;
  }
  const allRows = parts.reduce((sum, part) => sum + part.dictionary.header.rowCount, 0);
  const labels = new Uint32Array(allRows);
  const lengths = new Uint32Array(allRows);
  let liveRows = 0;
  let liveTokens = 0;
  for (const part of parts) {
    labels.set(part.dictionary.labels, part.offset);
    lengths.set(part.dictionary.lengths, part.offset);
    part.dictionary.lengths.forEach((length, row) => {
      if (part.dead?.[row]) return;
      liveRows++;
      liveTokens += length;
    });
  }
  const averageLength = liveRows === 0 ? 0 : liveTokens / liveRows;
  // Scratch per search, reused: score and this phrase's counts per row, and the rows touched.
  const scores = new Float64Array(allRows);
  const phraseText = new Uint32Array(allRows);
  const phraseHeading = new Uint32Array(allRows);
  const scored = new Uint8Array(allRows);

  const indexIn = (part: OpenPart, term: string): number => {
    const at = lowerBound(part.dictionary, term);
    return at < part.dictionary.header.termCount && termAt(part.dictionary, at) === term ? at : -1;
  };
  /** Live chunks holding the term in their text, and live chunks holding it anywhere. */
  const liveCounts = memoizeByKey(REMEMBERED_TERMS, (term): { text: number; any: number } => {
    let text = 0;
    let any = 0;
    for (const part of parts) {
      const at = indexIn(part, term);
      if (at < 0) continue;
      const { dictionary, dead } = part;
      if (!dead) {
        text += dictionary.textChunks[at] as number;
        any += (dictionary.postingEnds[at] as number) - (at === 0 ? 0 : (dictionary.postingEnds[at - 1] as number));
        continue;
      }
      const { count, words, halves } = readPostings(part.fd, dictionary, at);
      for (let i = 0; i < count; i++) {
        if (dead[words[2 * i] as number]) continue;
        any++;
        if ((halves[4 * i + 2] as number) > 0) text++;
      }
    }
    return { text, any };
  });
  const textChunksOf = (term: string) => liveCounts(term).text;
  /** Dictionary indexes a phrase matches in a file: one term, or every term starting with a prefix. */
  const termsOf = (part: OpenPart, phrase: QueryPhrase): number[] => {
    if (!phrase.prefix) {
      const at = indexIn(part, phrase.text);
      return at < 0 ? [] : [at];
    }
    const found: number[] = [];
    for (let at = lowerBound(part.dictionary, phrase.text); at < part.dictionary.header.termCount; at++) {
      if (!termAt(part.dictionary, at).startsWith(phrase.text)) break;
      found.push(at);
    }
    return found;
  };
  /** First row of a file whose label is ≥ label. */
  const rowFrom = (part: OpenPart, label: number): number => firstRowFrom(part.dictionary.labels, label);
  /** Label ranges as ranges of rows among all files' rows. */
  const rowRanges = (within: readonly LabelRange[]) =>
    parts.flatMap((part) =>
      within.map(
        (range) =>
          [
            part.offset + rowFrom(part, range.firstLabel),
            part.offset + rowFrom(part, range.firstLabel + range.chunkCount),
          ] as const,
      ),
    );

  function search(terms: readonly string[], limit: number, within?: readonly LabelRange[]): ScoredLabel[] {
    if (limit <= 0 || liveRows === 0 || (within && within.length === 0)) return [];
    const phrases = queryPhrases(
      terms.map((term) => ({ term, chunks: textChunksOf(term) })),
      liveRows,
    );
    const touchedRows: number[] = [];
    for (const phrase of phrases) {
      const phraseRows: number[] = [];
      for (const part of parts) {
        const { dead, offset } = part;
        for (const index of termsOf(part, phrase)) {
          const { count, words, halves } = readPostings(part.fd, part.dictionary, index);
          for (let i = 0; i < count; i++) {
            const fileRow = words[2 * i] as number;
            if (dead?.[fileRow]) continue;
            const row = offset + fileRow;
            if (phraseText[row] === 0 && phraseHeading[row] === 0) phraseRows.push(row);
            phraseText[row] = (phraseText[row] as number) + (halves[4 * i + 2] as number);
            phraseHeading[row] = (phraseHeading[row] as number) + (halves[4 * i + 3] as number);
          }
        }
      }
      // FTS5 counts a phrase's hits over the whole table, whatever the query keeps.
      const hits = phraseRows.length;
      let idf = Math.log((liveRows - hits + 0.5) / (hits + 0.5));
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
    return kept
      .sort((a, b) => (scores[b] as number) - (scores[a] as number) || (labels[a] as number) - (labels[b] as number))
      .slice(0, limit);
  }

  const vocabulary: VocabularyLookup = (first, bounds) => {
    const candidates = new Set<string>();
    for (const part of parts) {
      const { dictionary } = part;
      for (let at = lowerBound(dictionary, first); at < dictionary.header.termCount; at++) {
        const term = termAt(dictionary, at);
        if (!term.startsWith(first)) break;
        if (term.length >= bounds.min && term.length <= bounds.max) candidates.add(term);
      }
    }
    return [...candidates].map((term) => ({ term, chunks: textChunksOf(term) })).filter((entry) => entry.chunks > 0);
  };

  return {
    chunkCount: liveRows,
    rowsPerPart: parts.map((part) => part.dictionary.header.rowCount),
    search,
    textChunksWithin(term, range) {
      let inRange = 0;
      for (const part of parts) {
        const at = indexIn(part, term);
        if (at < 0) continue;
        const from = rowFrom(part, range.firstLabel);
        const to = rowFrom(part, range.firstLabel + range.chunkCount);
        const { count, words, halves } = readPostings(part.fd, part.dictionary, at);
        for (let i = 0; i < count; i++) {
          const row = words[2 * i] as number;
          if (row >= from && row < to && !part.dead?.[row] && (halves[4 * i + 2] as number) > 0) inRange++;
        }
      }
      return inRange;
    },
    inverseDocumentFrequency: (term) => inverseDocumentFrequency(textChunksOf(term), liveRows),
    knownTerms: (terms) =>
      terms.map((term) => (liveCounts(term).any > 0 ? term : (closestKnownTerm(term, vocabulary) ?? term))),
    isSearchable(term) {
      const chunks = textChunksOf(term);
      return chunks > 0 && !isCommonTerm(chunks, liveRows);
    },
    close: () => {
      for (const part of parts) closeSync(part.fd);
    },
  };
}
