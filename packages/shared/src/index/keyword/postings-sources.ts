// What a keywords.bin is merged from: the rows and terms of a run the writer spilled to disk, or
// the run still in the writer's memory.
// Each source gives its terms in order and each term's postings once, in that order.
import { closeSync, openSync } from "node:fs";
import type { BookPostings } from "./book-postings.js";
import {
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
  /** How many postings the term at `index` has. */
  postingCount(index: number): number;
  /**
   * Copies the postings of the term at `index` into `into` from word `at` on, two words each:
   * row + `rowOffset`, counts; rows ascending. Returns how many of those chunks hold the term
   * in their text. Called with increasing indexes only.
   */
  copyPostings(index: number, into: Uint32Array, at: number, rowOffset: number): number;
  close(): void;
}

/** Postings are read in blocks of this many bytes (the merge walks a file front to back). */
const READ_BLOCK_BYTES = 8 * 1024 * 1024;

export function fileSource(path: string): PostingsSource {
  const fd = openSync(path, "r");
  let dictionary: PostingsDictionary;
  try {
    dictionary = readDictionary(fd, path);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let block = new Uint32Array(0);
  let blockStart = 0;
  let blockEnd = 0;
  return {
    labels: dictionary.labels,
    lengths: dictionary.lengths,
    termCount: dictionary.header.termCount,
    term: (index) => termAt(dictionary, index),
    postingCount: (index) => (dictionary.postingEnds[index] as number) - postingStart(dictionary, index),
    copyPostings(index, into, at, rowOffset) {
      const start = postingStart(dictionary, index);
      const end = dictionary.postingEnds[index] as number;
      if (start < blockStart || end > blockEnd) {
        const wanted = Math.max(end - start, READ_BLOCK_BYTES / POSTING_BYTES);
        const count = Math.min(wanted, dictionary.header.postingCount - start);
        block = new Uint32Array(count * 2);
        readFully(fd, new Uint8Array(block.buffer), HEADER_BYTES + start * POSTING_BYTES);
        blockStart = start;
        blockEnd = start + count;
      }
      const from = (start - blockStart) * 2;
      const to = (end - blockStart) * 2;
      if (rowOffset === 0) into.set(block.subarray(from, to), at);
      else {
        for (let word = from; word < to; word += 2) {
          into[at++] = (block[word] as number) + rowOffset;
          into[at++] = block[word + 1] as number;
        }
      }
      return dictionary.textChunks[index] as number;
    },
    close: () => closeSync(fd),
  };
}

/**
 * A book held in memory: its postings as its job computed them (terms in order), rows numbered
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
    copyPostings(index, into, at, rowOffset) {
      const id = sortedIds[index] as number;
      let inText = 0;
      for (let pair = held[id] as number; pair < (held[id + 1] as number); pair++) {
        const { ends, rows, counts, firstRow } = bookOf(pair);
        const term = pairs[2 * pair + 1] as number;
        const first = rowOffset + firstRow;
        for (let entry = startOf(ends, term); entry < (ends[term] as number); entry++) {
          const packed = counts[entry] as number;
          into[at++] = first + (rows[entry] as number);
          into[at++] = packed;
          if ((packed & MAX_TERM_COUNT) > 0) inText++;
        }
      }
      return inText;
    },
    close: () => {},
  };
}
