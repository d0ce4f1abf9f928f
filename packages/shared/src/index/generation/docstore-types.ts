// What every docstore format writes and reads (docstore.ts picks the format).
import type { Chunk } from "../../chunking/types.js";
import type { KeywordIndex } from "../keyword/keyword-index.js";
import type { BookRecord } from "./manifest.js";

export interface DocstoreWriter {
  /** A book's chunks, labelled from `record.firstLabel` on (books come in label order). */
  addBook(record: BookRecord, chunks: Chunk[]): void;
  /** Completes and closes the file. */
  finish(): Promise<void>;
  /** Closes the file as it is (the caller removes it). */
  abort(): void;
}

export interface DocstoreReader {
  chunkCount(): number;
  /** Chunks by FAISS label, in the order of `labels`; unknown labels are skipped. */
  chunksByLabel(labels: number[]): Map<number, Chunk>;
  chunksOfBook(bookId: string): Chunk[];
  /** The keyword index kept in the docstore (FTS5, the oldest generations); undefined otherwise. */
  readonly keywordIndex: KeywordIndex | undefined;
  close(): void;
}
