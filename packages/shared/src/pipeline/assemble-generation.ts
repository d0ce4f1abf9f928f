// Step 3: fill a new generation with every book of the plan. Each book is added by the caller's
// `addBook` (inline: prepareOrReuseBook with a parse and embed; worker: the child job's result),
// up to `concurrency` at a time. The report lists the skipped files first, then the books in
// plan order whatever order they finished in, so the same library gives the same report.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { BookOutcome } from "./types.js";

export interface AssembleRequest<Book> {
  books: readonly Book[];
  skipped: readonly BookOutcome[];
  addBook: (book: Book) => Promise<BookOutcome>;
  /** Books added at once (each may parse and embed); 1 when books come ready-made. */
  concurrency?: number;
  signal?: AbortSignal;
  onBookDone?: (done: number, total: number, outcome: BookOutcome) => void;
}

export async function assembleGeneration<Book>(request: AssembleRequest<Book>): Promise<BookOutcome[]> {
  const { books, signal } = request;
  const outcomes: BookOutcome[] = new Array(books.length);
  let next = 0;
  let done = 0;
  const work = async () => {
    for (let index = next++; index < books.length; index = next++) {
      signal?.throwIfAborted();
      const outcome = await request.addBook(books[index] as Book);
      outcomes[index] = outcome;
      done += 1;
      request.onBookDone?.(done, books.length, outcome);
      // A large library takes a while to copy: a worker's job lock must keep being renewed
      // meanwhile (or another worker would take the run over), and progress must keep drawing.
      await yieldToEventLoop();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, request.concurrency ?? 1) }, work));
  return [...request.skipped.map((outcome) => ({ ...outcome })), ...outcomes];
}
