import type { BookRecord } from "../index/generation/manifest.js";
import type { BookErrorKind } from "../loaders/types.js";

export type BookOcrFacts = NonNullable<BookRecord["ocr"]>;

export type BookStatus = "indexed" | "unchanged" | "failed" | "duplicate";

export interface BookOutcome {
  file: string;
  status: BookStatus;
  bookId?: string;
  title?: string;
  chunks?: number;
  pages?: number;
  /** Scanned pages: pages from the text layer, recognised by OCR, and failed (with why). */
  ocr?: BookOcrFacts;
  errorKind?: BookErrorKind;
  /** What is wrong and what to do (failed), or which file has the same content (duplicate). */
  reason?: string;
}

export interface IngestProgress {
  booksTotal: number;
  booksDone: number;
  currentFile?: string;
  chunksEmbedded: number;
  pages: number;
  /** OCR of the book being parsed: pages recognised so far of those that need it. */
  ocr?: { file: string; done: number; total: number } | undefined;
}

export interface IngestReport {
  published: boolean;
  generationId?: string;
  previousId?: string;
  outcomes: BookOutcome[];
  chunkCount: number;
  /** Chunks embedded in this run (unchanged books are reused, not re-embedded). */
  embeddedChunks: number;
  /** A rebuild from scratch (`--full`): nothing reused, the embedding cache not read. */
  full?: boolean;
  durationMs: number;
  /** Why nothing was published, when `published` is false. */
  failure?: string;
}
