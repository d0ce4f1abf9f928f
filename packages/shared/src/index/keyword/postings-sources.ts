// What a keywords.bin is merged from: a run the writer spilled to disk, a live segment's
// keywords.bin with only the rows of the books a fold keeps, or the run still in memory.
// Each source gives its terms in order and each term's postings once, in that order.
import { closeSync, openSync } from "node:fs";
import type { BookPostings } from "./book-postings.js";
import {
  firstRowFrom,
  HEADER_BYTES,
  MAX_TERM_COUNT,
  POSTING_BYTES,
  type PostingsDictionary,
  postingStart,
  readDictionary,
  readFully,
  termAt,
} from "./postings-file.js";

export interface PostingsSource {
  readonly labels: Uint32Array;
  readonly lengths: Uint32Array;
  readonly termCount: number;
  term(index: number): string;
  /** How many postings the term at `index` has (before any rows are left out). */
  postingCount(index: number): number;
  /**
   * Copies the postings of the term at `index` into `into` from word `at` on, two words each:
   * row + `rowOffset`, counts; rows ascending. Adds to `tally` how many it copied and how many
   * of those chunks hold the term in their text. Called with increasing indexes only.
   */
  copyPostings(index: number, into: Uint32Array, at: number, rowOffset: number, tally: CopyTally): void;
  close(): void;
}

export interface CopyTally {
  postings: number;
  inText: number;
}

/**
 * Books whose postings are taken from an existing keywords.bin (a segment's, when segments are
 * folded): the rows holding labels `oldFirstLabel`… there become rows labelled `firstLabel`…, in
 * the order given; every other row of the file is left out.
 */
export interface KeptRange {
  oldFirstLabel: number;
  count: number;
  firstLabel: number;
}

/**
 * What all file sources of one merge read ahead together (the merge walks each file front to
 * back); a merge of many spilled runs gives each a share, at least MIN_READ_BLOCK_BYTES. With 8 MiB
 * each, the 72 runs of a 1M-chunk publish held 576 MiB of read blocks.
 */
const MERGE_READ_BYTES = 64 * 1024 * 1024;
const MAX_READ_BLOCK_BYTES = 8 * 1024 * 1024;
const MIN_READ_BLOCK_BYTES = 256 * 1024;

export interface FileSourceOptions {
  /** Books taken from the file; without, every row of it. */
  kept?: readonly KeptRange[];
  /** How many sources the merge reads at once: they share MERGE_READ_BYTES. */
  sharing?: number;
}

export function fileSource(path: string, options: FileSourceOptions = {}): PostingsSource {
  const { kept, sharing = 1 } = options;
  const readBlockBytes = Math.min(MAX_READ_BLOCK_BYTES, Math.max(MIN_READ_BLOCK_BYTES, MERGE_READ_BYTES / sharing));
  const fd = openSync(path, "r");
  let dictionary: PostingsDictionary;
  let rows: KeptRows | undefined;
  try {
    dictionary = readDictionary(fd, path);
    if (kept) rows = keptRows(dictionary, kept, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let block = new Uint32Array(0);
  let blockStart = 0;
  let blockEnd = 0;
  return {
    labels: rows?.labels ?? dictionary.labels,
    lengths: rows?.lengths ?? dictionary.lengths,
    termCount: dictionary.header.termCount,
    term: (index) => termAt(dictionary, index),
    postingCount: (index) => (dictionary.postingEnds[index] as number) - postingStart(dictionary, index),
    copyPostings(index, into, at, rowOffset, tally) {
      const start = postingStart(dictionary, index);
      const end = dictionary.postingEnds[index] as number;
      if (start < blockStart || end > blockEnd) {
        const wanted = Math.max(end - start, readBlockBytes / POSTING_BYTES);
        const count = Math.min(wanted, dictionary.header.postingCount - start);
        block = new Uint32Array(count * 2);
        readFully(fd, new Uint8Array(block.buffer), HEADER_BYTES + start * POSTING_BYTES);
        blockStart = start;
        blockEnd = start + count;
      }
      const from = (start - blockStart) * 2;
      const to = (end - blockStart) * 2;
      if (rows) {
        // Rows left out are skipped; the dictionary's text count includes them, so count anew.
        const { newRowOf } = rows;
        for (let word = from; word < to; word += 2) {
          const row = newRowOf[block[word] as number] as number;
          if (row < 0) continue;
          const packed = block[word + 1] as number;
          into[at++] = row + rowOffset;
          into[at++] = packed;
          tally.postings++;
          if ((packed & MAX_TERM_COUNT) > 0) tally.inText++;
        }
        return;
      }
      if (rowOffset === 0) into.set(block.subarray(from, to), at);
      else {
        for (let word = from; word < to; word += 2) {
          into[at++] = (block[word] as number) + rowOffset;
          into[at++] = block[word + 1] as number;
        }
      }
      tally.postings += end - start;
      tally.inText += dictionary.textChunks[index] as number;
    },
    close: () => closeSync(fd),
  };
}

interface KeptRows {
  /** Per row of the file: its row among the kept ones, or −1 when left out. */
  newRowOf: Int32Array;
  labels: Uint32Array;
  lengths: Uint32Array;
}

function keptRows(dictionary: PostingsDictionary, kept: readonly KeptRange[], path: string): KeptRows {
  const total = kept.reduce((sum, range) => sum + range.count, 0);
  const newRowOf = new Int32Array(dictionary.header.rowCount).fill(-1);
  const labels = new Uint32Array(total);
  const lengths = new Uint32Array(total);
  let next = 0;
  let previousEnd = 0;
  for (const range of kept) {
    // The file's rows are in label order: a book's rows are where its first label is.
    const first = firstRowFrom(dictionary.labels, range.oldFirstLabel);
    if (first < previousEnd || dictionary.labels[first + range.count - 1] !== range.oldFirstLabel + range.count - 1) {
      throw new Error(
        `${path}: нет строк с метками ${range.oldFirstLabel}…${range.oldFirstLabel + range.count - 1} по порядку`,
      );
    }
    for (let at = 0; at < range.count; at++) {
      newRowOf[first + at] = next;
      labels[next] = range.firstLabel + at;
      lengths[next] = dictionary.lengths[first + at] as number;
      next++;
    }
    previousEnd = first + range.count;
  }
  return { newRowOf, labels, lengths };
}

/**
 * A book held in memory: its postings as its job computed them, rows numbered
 * from `firstRow` within the run. Held as they are, not copied into typed arrays: the merge
 * copies them once, into its write buffer, and fresh memory is what a build pays most for on a
 * VM (each new page faults; copying 6 MB at 10k chunks cost more than the merge).
 */
export interface HeldBook extends Pick<BookPostings, "terms" | "ends" | "rows" | "counts"> {
  firstRow: number;
}

export interface MemoryRun {
  labels: Uint32Array;
  lengths: Uint32Array;
  books: readonly HeldBook[];
}

/**
 * A run as a source: its distinct terms sorted; a term's postings are its entries in each book
 * holding it, book after book (rows ascend, as each book's rows follow the previous book's).
 */
export function memorySource(run: MemoryRun): PostingsSource {
  // Each distinct term numbered as first met; per book, its terms' numbers.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const termIds = run.books.map(({ terms }) => {
    const out = new Uint32Array(terms.length);
    for (let at = 0; at < terms.length; at++) {
      const term = terms[at] as string;
      let id = ids.get(term);
      if (id === undefined) {
        id = names.length;
        ids.set(term, id);
        names.push(term);
      }
      out[at] = id;
    }
    return out;
  });
  // Per term number, the (book, term index in that book) pairs holding it, grouped by number
  // (a counting sort, books in order within each group).
  const held = new Uint32Array(names.length + 1);
  for (const bookIds of termIds) for (const id of bookIds) held[id + 1] = (held[id + 1] as number) + 1;
  for (let id = 0; id < names.length; id++) held[id + 1] = (held[id + 1] as number) + (held[id] as number);
  const pairs = new Uint32Array((held[names.length] as number) * 2);
  const fill = held.slice(0, names.length);
  termIds.forEach((bookIds, book) => {
    bookIds.forEach((id, termAt) => {
      const slot = fill[id] as number;
      fill[id] = slot + 1;
      pairs[2 * slot] = book;
      pairs[2 * slot + 1] = termAt;
    });
  });
  // The default sort compares UTF-16 code units, as keywords.bin's `<` does, and is much faster
  // than any comparator.
  const sorted = [...names].sort();
  const sortedIds = Uint32Array.from(sorted, (name) => ids.get(name) as number);
  const bookOf = (pair: number) => run.books[pairs[2 * pair] as number] as HeldBook;
  const startOf = (ends: readonly number[], term: number) => (term === 0 ? 0 : (ends[term - 1] as number));
  return {
    labels: run.labels,
    lengths: run.lengths,
    termCount: sorted.length,
    term: (index) => sorted[index] as string,
    postingCount(index) {
      const id = sortedIds[index] as number;
      let count = 0;
      for (let pair = held[id] as number; pair < (held[id + 1] as number); pair++) {
        const { ends } = bookOf(pair);
        const term = pairs[2 * pair + 1] as number;
        count += (ends[term] as number) - startOf(ends, term);
      }
      return count;
    },
    copyPostings(index, into, at, rowOffset, tally) {
      const id = sortedIds[index] as number;
      for (let pair = held[id] as number; pair < (held[id + 1] as number); pair++) {
        const { ends, rows, counts, firstRow } = bookOf(pair);
        const term = pairs[2 * pair + 1] as number;
        const first = rowOffset + firstRow;
        const end = ends[term] as number;
        const start = startOf(ends, term);
        for (let entry = start; entry < end; entry++) {
          const packed = counts[entry] as number;
          into[at++] = first + (rows[entry] as number);
          into[at++] = packed;
          if ((packed & MAX_TERM_COUNT) > 0) tally.inText++;
        }
        tally.postings += end - start;
      }
    },
    close: () => {},
  };
}
