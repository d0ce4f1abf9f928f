// What a keywords.bin is merged from: the rows and terms of a run the writer spilled to disk, or
// the run still in the writer's memory.
// Each source gives its terms in order and each term's postings once, in that order.
import { closeSync, openSync } from "node:fs";
import {
  HEADER_BYTES,
  POSTING_BYTES,
  type PostingsDictionary,
  postingStart,
  readDictionary,
  readFully,
  type TermPostings,
  termAt,
} from "./postings-file.js";

export interface PostingsSource {
  readonly labels: Uint32Array;
  readonly lengths: Uint32Array;
  readonly termCount: number;
  term(index: number): string;
  /** Postings of the term at `index`; called with increasing indexes only. */
  postings(index: number): TermPostings;
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
    postings(index) {
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
      const words = block.subarray((start - blockStart) * 2, (end - blockStart) * 2);
      return {
        count: end - start,
        words,
        halves: new Uint16Array(words.buffer, words.byteOffset, words.length * 2),
      };
    },
    close: () => closeSync(fd),
  };
}

/**
 * Books held in memory: each book's terms as ids into the run's `names`, its entries as typed
 * arrays (its job's plain arrays are let go), rows numbered from `firstRow`.
 */
export interface HeldBook {
  firstRow: number;
  termIds: Uint32Array;
  ends: Uint32Array;
  rows: Uint32Array;
  counts: Uint32Array;
}

export interface MemoryRun {
  labels: Uint32Array;
  lengths: Uint32Array;
  /** The run's distinct terms, and each term's id (its index in `names`). */
  names: readonly string[];
  ids: ReadonlyMap<string, number>;
  books: readonly HeldBook[];
}

/**
 * A run as a source: its terms sorted; a term's postings are its entries in each book, book
 * after book (rows ascend, as each book's rows follow the previous book's).
 */
export function memorySource(run: MemoryRun): PostingsSource {
  // Per term id, the (book, term index in that book) pairs holding it, as one array in id order.
  const held = new Uint32Array(run.names.length + 1);
  for (const book of run.books) for (const id of book.termIds) held[id + 1] = (held[id + 1] as number) + 1;
  for (let id = 0; id < run.names.length; id++) held[id + 1] = (held[id + 1] as number) + (held[id] as number);
  const pairs = new Uint32Array((held[run.names.length] as number) * 2);
  const fill = held.slice(0, run.names.length);
  run.books.forEach((book, bookAt) => {
    book.termIds.forEach((id, termAt) => {
      const slot = fill[id] as number;
      fill[id] = slot + 1;
      pairs[2 * slot] = bookAt;
      pairs[2 * slot + 1] = termAt;
    });
  });
  const names = [...run.names].sort();
  const sortedIds = names.map((name) => run.ids.get(name) as number);
  let scratch = new Uint32Array(1024);
  return {
    labels: run.labels,
    lengths: run.lengths,
    termCount: names.length,
    term: (index) => names[index] as string,
    postings(index) {
      const id = sortedIds[index] as number;
      const from = held[id] as number;
      const to = held[id + 1] as number;
      let count = 0;
      for (let pair = from; pair < to; pair++) {
        const { ends } = run.books[pairs[2 * pair] as number] as HeldBook;
        const term = pairs[2 * pair + 1] as number;
        count += (ends[term] as number) - (term === 0 ? 0 : (ends[term - 1] as number));
      }
      if (scratch.length < count * 2) scratch = new Uint32Array(Math.max(count * 2, scratch.length * 2));
      let out = 0;
      for (let pair = from; pair < to; pair++) {
        const { firstRow, ends, rows, counts } = run.books[pairs[2 * pair] as number] as HeldBook;
        const term = pairs[2 * pair + 1] as number;
        const last = ends[term] as number;
        for (let entry = term === 0 ? 0 : (ends[term - 1] as number); entry < last; entry++) {
          scratch[out++] = firstRow + (rows[entry] as number);
          scratch[out++] = counts[entry] as number;
        }
      }
      // Valid until the next call: the merge copies it out before asking for another term.
      const words = scratch.subarray(0, count * 2);
      return { count, words, halves: new Uint16Array(words.buffer, words.byteOffset, words.length * 2) };
    },
    close: () => {},
  };
}
