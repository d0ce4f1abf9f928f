// Builds a generation's keywords.bin as books arrive: each book's postings (book-postings.ts,
// computed by its book job) are held as they came; past RUN_ENTRIES entries the books held are
// written to a run file beside the generation (bounded memory at any library size, as Lucene flushes segments) and a
// new run starts. `finish` merges the spilled runs and the last run into one file. (A generation
// derived from the live one keeps the live one's keywords.bin files as they are: segments.ts.)
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BookPostings } from "./book-postings.js";
import { type MergeInput, writeMergedPostings } from "./postings-merge.js";
import { fileSource, type HeldBook, type MemoryRun, memorySource } from "./postings-sources.js";

/**
 * Entries (a term in a chunk) held in memory before they are spilled to a run file: 16 bytes
 * each in the book jobs' plain arrays (row and counts), plus each book's terms (~80 MB at this
 * size). Held as they came rather than copied into typed arrays of half the size: at 10k
 * chunks the copy cost more than the whole merge (fresh memory faults page by page on a VM).
 */
const RUN_ENTRIES = 4_000_000;

export interface PostingsWriterOptions {
  /** Where spilled runs are written (the generation's temp directory); removed by finish/abort. */
  runDir: string;
  /** Entries held before a spill (tests spill small runs). */
  runEntries?: number;
}

export interface PostingsWriter {
  /** A book's chunks as rows labelled from `firstLabel` on; books must come in label order. */
  addBook(firstLabel: number, postings: BookPostings): void;
  /** Writes the file: every row added, in label order. */
  finish(path: string): { bytes: number };
  /** Removes spilled runs (the caller removes the temp directory anyway). */
  abort(): void;
}

interface HeldRun {
  labels: number[];
  lengths: number[];
  books: HeldBook[];
  entries: number;
}

const emptyRun = (): HeldRun => ({ labels: [], lengths: [], books: [], entries: 0 });

const asMemoryRun = (run: HeldRun): MemoryRun => ({
  labels: Uint32Array.from(run.labels),
  lengths: Uint32Array.from(run.lengths),
  books: run.books,
});

export function createPostingsWriter(options: PostingsWriterOptions): PostingsWriter {
  const runEntries = options.runEntries ?? RUN_ENTRIES;
  const spilled: string[] = [];
  let run = emptyRun();

  function spill(): void {
    const path = join(options.runDir, `keywords.run-${spilled.length}.bin`);
    writeMergedPostings(path, [{ source: memorySource(asMemoryRun(run)) }]);
    spilled.push(path);
    run = emptyRun();
  }

  const removeSpilled = () => {
    for (const path of spilled) rmSync(path, { force: true });
  };

  return {
    addBook(firstLabel, postings) {
      const firstRow = run.labels.length;
      postings.lengths.forEach((length, row) => {
        run.labels.push(firstLabel + row);
        run.lengths.push(length);
      });
      const { terms, ends, rows, counts } = postings;
      run.books.push({ terms, ends, rows, counts, firstRow });
      run.entries += postings.rows.length;
      if (run.entries >= runEntries) spill();
    },
    finish(path) {
      const inputs: MergeInput[] = [];
      try {
        for (const spilledPath of spilled) inputs.push({ source: fileSource(spilledPath) });
        inputs.push({ source: memorySource(asMemoryRun(run)) });
        return writeMergedPostings(path, inputs);
      } finally {
        for (const input of inputs) input.source.close();
        removeSpilled();
      }
    },
    abort: removeSpilled,
  };
}
