// One publish of `pnpm bench grow` in a process of its own (`--phase full|add|remove|compact --size N
// --dir D`), so its peak RSS is the publish's: full = every book from scratch; add = the live
// generation plus one new 300-chunk book, derived from it; remove = the live generation less
// one book from its middle, derived from it; compact = the live generation's segments folded into
// one, as the worker does after such runs. Time counts the publish only: making a book's
// chunks, postings and vectors (a book job's work) is subtracted, and so is opening and verifying
// the live generation first (reported on its own, as `verifyLiveSeconds`). Prints one
// `GROW_RESULT {json}` line.
import { compactLiveGeneration, openGenerationData, openIndexStore } from "@ai-library/shared/index";
import { argument } from "../cli-args.js";
import { peakRssMb } from "../report.js";
import {
  bookCount,
  CHUNKS_PER_BOOK,
  GROW_CHUNKING,
  GROW_EMBEDDER,
  type GrowBook,
  growBook,
  rowsOfBook,
} from "./grow-library.js";

export interface GrowRunResult {
  phase: string;
  size: number;
  seconds: number;
  verifyLiveSeconds: number;
  chunkCount: number;
  derivedFrom?: string;
  peakRssMiB: number;
}

const phase = argument("phase");
const size = Number(argument("size"));
const store = openIndexStore(argument("dir"));

if (phase === "compact") {
  // The fold the worker runs after a run that left many segments: open (and verify) the live
  // generation, publish it as one segment. Timed whole, opening included: nothing else runs first.
  const started = performance.now();
  const outcome = await compactLiveGeneration(store, { force: true });
  if (outcome.kind !== "compacted") throw new Error(`bench grow: nothing was compacted: ${outcome.reason}`);
  const compacted: GrowRunResult = {
    phase,
    size,
    seconds: (performance.now() - started) / 1000,
    verifyLiveSeconds: 0,
    chunkCount: outcome.chunkCount,
    peakRssMiB: peakRssMb(),
  };
  console.log(`GROW_RESULT ${JSON.stringify(compacted)}`);
  process.exit(0);
}
const books = bookCount(size);

let preparing = 0;
/** A book as its job would stage it; the time it takes is not the publish's. */
function prepared(n: number, rows: number): GrowBook {
  const started = performance.now();
  const book = growBook(n, rows);
  preparing += performance.now() - started;
  return book;
}

const verifyStarted = performance.now();
// As an ingest run opens the live generation to reuse its books (reusable-generation.ts): its
// files verified, no FAISS index loaded.
const liveDir = store.generationDir(store.liveId() ?? "none");
const base = phase === "full" ? undefined : await openGenerationData(liveDir);
const verifyLiveSeconds = (performance.now() - verifyStarted) / 1000;
const removed = phase === "remove" ? base?.manifest.books[Math.floor(books / 2)]?.bookId : undefined;
let derivedFrom: string | undefined;
const started = performance.now();
const manifest = await store.publish(
  { embedder: GROW_EMBEDDER, chunking: GROW_CHUNKING, indexFactory: "Flat", ...(base ? { base } : {}) },
  async (builder) => {
    derivedFrom = builder.derivation.from;
    if (base) {
      for (const book of base.manifest.books) {
        if (book.bookId !== removed && !builder.carryOver(book.bookId, book.file)) {
          throw new Error(`${book.file} could not be carried over: ${builder.derivation.reason ?? "no base"}`);
        }
      }
    }
    if (phase === "full") {
      for (let n = 0; n < books; n++) {
        const book = prepared(n, rowsOfBook(n, size));
        builder.addBook(book.record, book.chunks, book.vectors, book.postings);
      }
    } else if (phase === "add") {
      // A book number past any library's: new content, a new book id.
      const book = prepared(10_000_000 + (base?.manifest.books.length ?? 0), CHUNKS_PER_BOOK);
      builder.addBook(book.record, book.chunks, book.vectors, book.postings);
    }
  },
);
const seconds = (performance.now() - started - preparing) / 1000;
base?.close();
const result: GrowRunResult = {
  phase,
  size,
  seconds,
  verifyLiveSeconds,
  chunkCount: manifest.chunkCount,
  ...(derivedFrom ? { derivedFrom } : {}),
  peakRssMiB: peakRssMb(),
};
console.log(`GROW_RESULT ${JSON.stringify(result)}`);
