// A generation's docstore: label (the FAISS row) → chunk text and citation. Generations written
// from 2026-12-07 on keep it in a flat file (docstore-file.ts); older ones in SQLite
// (sqlite-docstore.ts), still read. The file's name says which: a segment's manifest entry names
// it, and a generation built whole has one or the other under these names.
import type { Chunk } from "../../chunking/types.js";
import type { KeywordIndex } from "../keyword/keyword-index.js";
import { createDocstoreFileWriter, openDocstoreFileReader } from "./docstore-file.js";
import type { BookRecord } from "./manifest.js";
import { createSqliteDocstoreWriter, openSqliteDocstoreReader } from "./sqlite-docstore.js";

export const DOCSTORE_FILE = "docstore.bin";
export const SQLITE_DOCSTORE_FILE = "docstore.sqlite";
const SQLITE_SUFFIX = ".sqlite";

/** A segment's docstore file name: `seg-<id>.docstore.bin` (or `.sqlite` as written before). */
export const segmentDocstoreFile = (segmentId: string, sqlite = false) =>
  sqlite ? `${segmentId}${SQLITE_SUFFIX}` : `${segmentId}.${DOCSTORE_FILE}`;

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

export interface DocstoreWriterOptions {
  /**
   * Write SQLite, as versions before 2026-12-07 did, with the keyword index in its FTS5 table
   * when `keywordTable` (only to make such generations in upgrade tests).
   */
  sqlite?: { keywordTable: boolean };
}

export function createDocstoreWriter(path: string, options: DocstoreWriterOptions = {}): DocstoreWriter {
  if (options.sqlite) return createSqliteDocstoreWriter(path, { keywordIndex: options.sqlite.keywordTable });
  return createDocstoreFileWriter(path);
}

export function openDocstoreReader(path: string): DocstoreReader {
  return path.endsWith(SQLITE_SUFFIX) ? openSqliteDocstoreReader(path) : openDocstoreFileReader(path);
}
