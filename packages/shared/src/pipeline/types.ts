import type { BookErrorKind } from "../loaders/types.js";

export type BookStatus = "indexed" | "unchanged" | "failed" | "duplicate";

export interface BookOutcome {
  file: string;
  status: BookStatus;
  bookId?: string;
  title?: string;
  chunks?: number;
  pages?: number;
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
