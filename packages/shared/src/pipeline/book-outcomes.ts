// The per-book lines of an ingest report, built in one place so the inline ingest and the
// worker report a book the same way (an unchanged book keeps its pages, like an indexed one).
import { BookLoadError } from "../loaders/types.js";
import type { PreparedBook } from "./prepare-book.js";
import type { BookOcrFacts, BookOutcome } from "./types.js";

interface BookRef {
  file: string;
  bookId: string;
}

/** What a generation knows of a book: its manifest entry, or the record of a prepared book. */
interface BookFacts {
  title: string;
  pages?: number | undefined;
  ocr?: BookOcrFacts | undefined;
}

const pagesOf = (facts: BookFacts) => ({
  ...(facts.pages !== undefined ? { pages: facts.pages } : {}),
  ...(facts.ocr ? { ocr: facts.ocr } : {}),
});

export function unchangedBookOutcome(book: BookRef, facts: BookFacts & { chunkCount: number }): BookOutcome {
  return {
    file: book.file,
    status: "unchanged",
    bookId: book.bookId,
    title: facts.title,
    chunks: facts.chunkCount,
    ...pagesOf(facts),
  };
}

export function indexedBookOutcome(book: BookRef, prepared: PreparedBook): BookOutcome {
  return {
    file: book.file,
    status: "indexed",
    bookId: book.bookId,
    title: prepared.record.title,
    chunks: prepared.chunks.length,
    ...pagesOf(prepared.record),
  };
}

/** A book error keeps its kind; anything else a parser throws counts as a damaged file. */
export function failedBookOutcome(error: unknown, book: BookRef): BookOutcome {
  if (error instanceof BookLoadError) {
    return { file: book.file, status: "failed", bookId: book.bookId, errorKind: error.kind, reason: error.message };
  }
  return {
    file: book.file,
    status: "failed",
    bookId: book.bookId,
    errorKind: "corrupt",
    reason: `${book.file}: ${(error as Error).message}`,
  };
}

/** Books that end up in the new generation; without one there is nothing to publish. */
export const isInGeneration = (outcome: BookOutcome) => outcome.status === "indexed" || outcome.status === "unchanged";
