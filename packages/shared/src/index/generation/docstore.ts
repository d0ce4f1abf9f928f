// A generation's docstore: label (the FAISS row) → chunk text and citation. Generations written
// from 2026-12-07 on keep it in a flat file (docstore-file.ts); older ones in SQLite
// (sqlite-docstore.ts), still read. The file's name says which: a segment's manifest entry names
// it, and a generation built whole has one or the other under these names.
import { createDocstoreFileWriter, openDocstoreFileReader } from "./docstore-file.js";
import type { DocstoreReader, DocstoreWriter } from "./docstore-types.js";
import { createSqliteDocstoreWriter, openSqliteDocstoreReader } from "./sqlite-docstore.js";

export type { DocstoreReader, DocstoreWriter } from "./docstore-types.js";

export const DOCSTORE_FILE = "docstore.bin";
export const SQLITE_DOCSTORE_FILE = "docstore.sqlite";
const SQLITE_SUFFIX = ".sqlite";

/** A segment's docstore file name: `seg-<id>.docstore.bin` (or `.sqlite` as written before). */
export const segmentDocstoreFile = (segmentId: string, sqlite = false) =>
  sqlite ? `${segmentId}${SQLITE_SUFFIX}` : `${segmentId}.${DOCSTORE_FILE}`;

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
