// Builds a generation's keywords.bin as books arrive: each book's postings (book-postings.ts,
// computed by its book job) are held compactly; past RUN_ENTRIES entries the books held are
// written to a run file beside the generation (bounded memory at any library size, as Lucene flushes segments) and a
// new run starts. `finish` merges the spilled runs and the last run into one file. (A generation
// derived from the live one keeps the live one's keywords.bin files as they are: segments.ts.)
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BookPostings } from "./book-postings.js";
import { type MergeInput, writeMergedPostings } from "./postings-merge.js";
import { fileSource, type HeldBook, type MemoryRun, memorySource } from "./postings-sources.js";

/**
 * Entries (a term in a chunk) held in memory before they are spilled to a run file: 8 bytes
 * each in typed arrays, plus each distinct term once (~50 MB at this size).
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
  ids: Map<string, number>;
  names: string[];
  labels: number[];
  lengths: number[];
  books: HeldBook[];
  entries: number;
}

const emptyRun = (): HeldRun => ({ ids: new Map(), names: [], labels: [], lengths: [], books: [], entries: 0 });

const asMemoryRun = (run: HeldRun): MemoryRun => ({
  labels: Uint32Array.from(run.labels),
  lengths: Uint32Array.from(run.lengths),
  names: run.names,
  ids: run.ids,
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
      // The book's term strings become ids into the run's dictionary, its entries typed arrays:
      // a run holds each distinct term once and 8 bytes per entry.
      const { ids, names } = run;
      const termIds = Uint32Array.from(postings.terms, (term) => {
        let id = ids.get(term);
        if (id === undefined) {
          id = names.length;
          ids.set(term, id);
          names.push(term);
        }
        return id;
      });
      run.books.push({
        firstRow,
        termIds,
        ends: Uint32Array.from(postings.ends),
        rows: Uint32Array.from(postings.rows),
        counts: Uint32Array.from(postings.counts),
      });
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
