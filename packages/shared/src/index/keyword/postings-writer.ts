// Builds a generation's keywords.bin as books arrive: each book's postings (book-postings.ts,
// computed by its book job) are held as they came; past RUN_ENTRIES entries the books held are
// written to a run file beside the generation (bounded memory at any library size, as Lucene flushes segments) and a
// new run starts. A fold's books come from the live segments' keywords.bin files instead
// (KeptPostings), read in place at the merge. `finish` merges all of them into one file. (A
// generation derived from the live one keeps the live one's keywords.bin files as they are.)
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BookPostings } from "./book-postings.js";
import { type MergeInput, writeMergedPostings } from "./postings-merge.js";
import { fileSource, type HeldBook, type KeptRange, type MemoryRun, memorySource } from "./postings-sources.js";

/**
 * Entries (a term in a chunk) held in memory before they are spilled to a run file: 16 bytes
 * each in the book jobs' plain arrays (row and counts), plus each book's terms (~25 MB at this
 * size). Held as they came rather than copied into typed arrays of half the size: at 10k chunks
 * (720k entries, one run) the copy cost more than the whole merge, as fresh memory faults page by
 * page on a VM. A run of 1M entries keeps a 100k-chunk publish's peak RSS where the copies kept it
 * (314 MiB; 4M entries held this way: 553 MiB) at the price of a few more run files.
 */
const RUN_ENTRIES = 1_000_000;

export interface PostingsWriterOptions {
  /** Where spilled runs are written (the generation's temp directory); removed by finish/abort. */
  runDir: string;
  /** Entries held before a spill (tests spill small runs). */
  runEntries?: number;
}

/** A book's postings as they stand in an existing keywords.bin: its `count` rows there, labelled from `firstLabel` on. */
export interface KeptPostings {
  file: string;
  firstLabel: number;
  count: number;
}

export interface PostingsWriter {
  /**
   * A book's chunks as rows labelled from `firstLabel` on; books must come in label order. Its
   * postings are its job's, or taken as they are from the file that holds them (a fold).
   */
  addBook(firstLabel: number, postings: BookPostings | KeptPostings): void;
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

/** What the file is merged from, in label order: spilled runs, and books kept from other files. */
type Part = { path: string; spilled: true } | { path: string; spilled: false; kept: KeptRange[] };

export function createPostingsWriter(options: PostingsWriterOptions): PostingsWriter {
  const runEntries = options.runEntries ?? RUN_ENTRIES;
  const parts: Part[] = [];
  let run = emptyRun();

  function spill(): void {
    const path = join(options.runDir, `keywords.run-${parts.length}.bin`);
    writeMergedPostings(path, [{ source: memorySource(asMemoryRun(run)) }]);
    parts.push({ path, spilled: true });
    run = emptyRun();
  }

  function keep(book: KeptPostings, firstLabel: number): void {
    // Books in memory come before this one: they go to disk first, so parts stay in label order
    // (a fold keeps every book, so nothing is ever in memory then).
    if (run.labels.length > 0) spill();
    const last = parts.at(-1);
    const range = { oldFirstLabel: book.firstLabel, count: book.count, firstLabel };
    const previous = last && !last.spilled && last.path === book.file ? last.kept.at(-1) : undefined;
    // One pass over the file serves its books as long as they come in its own order.
    if (last && !last.spilled && previous && previous.oldFirstLabel + previous.count <= book.firstLabel) {
      last.kept.push(range);
    } else parts.push({ path: book.file, spilled: false, kept: [range] });
  }

  const removeSpilled = () => {
    for (const part of parts) if (part.spilled) rmSync(part.path, { force: true });
  };

  return {
    addBook(firstLabel, postings) {
      if ("file" in postings) {
        keep(postings, firstLabel);
        return;
      }
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
        for (const part of parts) {
          const sharing = parts.length;
          inputs.push({ source: fileSource(part.path, part.spilled ? { sharing } : { kept: part.kept, sharing }) });
        }
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
