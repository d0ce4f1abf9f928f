// Step 2, per book: a book whose content is already in the live generation (same embedder and
// chunking) is carried over from it (or copied, chunks and vectors), with no parse and no embedding; any other
// book is prepared by the caller (parsed and embedded inline, or read from the worker's staging
// area) and added as new. Either way the book gets its line of the report here.
import type { GenerationBuilder } from "../index/generation/generation-builder.js";
import type { GenerationData } from "../index/generation/generation-data.js";
import { indexedBookOutcome, unchangedBookOutcome } from "./book-outcomes.js";
import type { PreparedBook } from "./prepare-book.js";
import type { BookOutcome } from "./types.js";

export interface BookToAdd {
  file: string;
  bookId: string;
}

/** What a book is reused from: the live generation's records, chunks and vectors. */
export type ReusableBooks = Pick<GenerationData, "book" | "chunksOfBook" | "vectorsOfBook">;

export interface BookSources {
  /** The live generation when its books may be reused (none on a rebuild from scratch). */
  previous: ReusableBooks | undefined;
  /** The book's new chunks and vectors, or the failed outcome that says why there are none. */
  prepare: () => Promise<PreparedBook | BookOutcome>;
}

const isOutcome = (value: PreparedBook | BookOutcome): value is BookOutcome => "status" in value;

export async function prepareOrReuseBook(
  builder: GenerationBuilder,
  book: BookToAdd,
  sources: BookSources,
): Promise<BookOutcome> {
  const { previous } = sources;
  const reused = previous?.book(book.bookId);
  if (previous && reused) {
    // The file name comes from this scan: a renamed file keeps its chunks under its new name.
    // A generation derived from `previous` keeps the book's rows where they are; one built from
    // scratch copies its chunks and vectors.
    if (!builder.carryOver(book.bookId, book.file)) {
      builder.addBook(
        { ...reused, file: book.file },
        previous.chunksOfBook(book.bookId),
        previous.vectorsOfBook(book.bookId),
      );
    }
    return unchangedBookOutcome(book, reused);
  }
  const prepared = await sources.prepare();
  if (isOutcome(prepared)) return prepared;
  builder.addBook({ ...prepared.record, file: book.file }, prepared.chunks, prepared.vectors, prepared.postings);
  return indexedBookOutcome(book, prepared);
}
