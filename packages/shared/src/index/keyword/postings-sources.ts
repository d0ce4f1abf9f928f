// What a keywords.bin is merged from: the rows and terms of an earlier file (the base
// generation's, or a run the writer spilled to disk), or the run still in the writer's memory.
// Each source gives its terms in order and each term's postings once, in that order.
import { closeSync, openSync } from "node:fs";
import type { BookPostings } from "./book-postings.js";
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

/** Books held in memory, each as its job computed its postings, rows numbered from `firstRow`. */
export interface MemoryRun {
  labels: Uint32Array;
  lengths: Uint32Array;
  books: readonly { firstRow: number; postings: BookPostings }[];
}

/**
 * A run as a source: the books' terms sorted together; a term's postings are its entries in
 * each book, book after book (rows ascend, as each book's rows follow the previous book's).
 */
export function memorySource(run: MemoryRun): PostingsSource {
  // Per term, the (book, term index in that book) pairs that hold it.
  const holders = new Map<string, number[]>();
  run.books.forEach(({ postings }, book) => {
    postings.terms.forEach((term, index) => {
      const list = holders.get(term);
      if (list) list.push(book, index);
      else holders.set(term, [book, index]);
    });
  });
  const names = [...holders.keys()].sort();
  const lists = names.map((name) => holders.get(name) as number[]);
  let scratch = new Uint32Array(1024);
  return {
    labels: run.labels,
    lengths: run.lengths,
    termCount: names.length,
    term: (index) => names[index] as string,
    postings(index) {
      const list = lists[index] as number[];
      let count = 0;
      for (let at = 0; at < list.length; at += 2) {
        const { ends } = (run.books[list[at] as number] as { postings: BookPostings }).postings;
        const term = list[at + 1] as number;
        count += (ends[term] as number) - (term === 0 ? 0 : (ends[term - 1] as number));
      }
      if (scratch.length < count * 2) scratch = new Uint32Array(Math.max(count * 2, scratch.length * 2));
      let out = 0;
      for (let at = 0; at < list.length; at += 2) {
        const { firstRow, postings } = run.books[list[at] as number] as { firstRow: number; postings: BookPostings };
        const term = list[at + 1] as number;
        const { ends, rows, counts } = postings;
        for (let entry = term === 0 ? 0 : (ends[term - 1] as number); entry < (ends[term] as number); entry++) {
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
