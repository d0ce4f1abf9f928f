// Builds a generation's keywords.bin as books arrive: each book's postings (book-postings.ts,
// computed by its book job) are held as they are; past RUN_ENTRIES entries the books held are
// written to a run file beside the generation (bounded memory at any library size, as Lucene flushes segments) and a
// new run starts. `finish` merges the base generation's file (without the removed books), the
// spilled runs and the last run into one file.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BookPostings } from "./book-postings.js";
import type { LabelRange } from "./keyword-index.js";
import { type MergeInput, writeMergedPostings } from "./postings-merge.js";
import { fileSource, type MemoryRun, memorySource } from "./postings-sources.js";

/**
 * Entries (a term in a chunk) held in memory before they are spilled to a run file: the books'
 * postings as their jobs computed them, ~16 bytes an entry in JavaScript arrays (~64 MB).
 */
const RUN_ENTRIES = 4_000_000;

export interface PostingsWriterOptions {
  /** Where spilled runs are written (the generation's temp directory); removed by finish/abort. */
  runDir: string;
  /** The keywords.bin of the generation this one is derived from. */
  basePath?: string;
  /** Entries held before a spill (tests spill small runs). */
  runEntries?: number;
}

export interface PostingsWriter {
  /**
   * A book's chunks as rows labelled from `firstLabel` on; books must come in label order, above
   * every label the base holds. The postings are kept, not copied, until they are written.
   */
  addBook(firstLabel: number, postings: BookPostings): void;
  /** Writes the file: the base's rows outside `removed`, then the rows added here. */
  finish(path: string, removed: readonly LabelRange[]): { bytes: number };
  /** Removes spilled runs (the caller removes the temp directory anyway). */
  abort(): void;
}

interface HeldRun {
  labels: number[];
  lengths: number[];
  books: { firstRow: number; postings: BookPostings }[];
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
      run.books.push({ firstRow, postings });
      run.entries += postings.rows.length;
      if (run.entries >= runEntries) spill();
    },
    finish(path, removed) {
      const inputs: MergeInput[] = [];
      try {
        if (options.basePath) inputs.push({ source: fileSource(options.basePath), removed });
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
