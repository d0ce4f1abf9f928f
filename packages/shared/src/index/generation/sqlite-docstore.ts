// The docstore of generations written before 2026-12-07, in SQLite: label (the FAISS row) →
// chunk, and in the oldest ones the keyword index too (FTS5, keyword-index.ts). Read for as long
// as such generations are live or kept for rollback; written only by upgrade tests, to make such
// generations (docstore-file.ts took over: docs/performance.md says why).
// Journal in DELETE mode so the file is complete once closed.
import Database from "better-sqlite3";
import type { Chunk } from "../../chunking/types.js";
import {
  createKeywordInserter,
  hasKeywordTable,
  headingOf,
  KEYWORD_SCHEMA,
  openKeywordIndex,
} from "../keyword/keyword-index.js";
import type { DocstoreReader, DocstoreWriter } from "./docstore-types.js";
import type { BookRecord } from "./manifest.js";

const SCHEMA = `
CREATE TABLE books (
  book_id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, author TEXT,
  format TEXT NOT NULL, pages INTEGER, chunk_count INTEGER NOT NULL, first_label INTEGER NOT NULL
);
CREATE TABLE chunks (
  label INTEGER PRIMARY KEY, book_id TEXT NOT NULL REFERENCES books(book_id),
  position INTEGER NOT NULL, page INTEGER, page_end INTEGER, chapter TEXT, text TEXT NOT NULL,
  section TEXT, page_label TEXT, page_label_end TEXT, ocr INTEGER
);
`;
// A book's chunks hold consecutive labels from its first_label, so its rows are a range of the
// table's own key (chunksOfBook) and need no index on book_id (generations written before have
// one, chunks_by_book; the range serves them too). The one index, on position, is there for
// `count(*)`, which the generation's check at every load runs: SQLite counts through the
// smallest index, and without one it reads every page of chunk text (+30 ms and +8 MB RSS at
// 10k chunks); an index of small integers costs a fraction of one holding each row's book id.
// Built after the rows are in: one sort instead of 100k incremental index updates.
const INDEXES = "CREATE INDEX IF NOT EXISTS chunks_by_position ON chunks(position);";

export interface SqliteDocstoreWriterOptions {
  /**
   * Keep the keyword index in an FTS5 table here, as versions before keywords.bin did (only to
   * write such generations in upgrade tests; never derived).
   */
  keywordIndex: boolean;
}

export function createSqliteDocstoreWriter(path: string, options: SqliteDocstoreWriterOptions): DocstoreWriter {
  const db = new Database(path);
  // Pages of 16 KiB instead of SQLite's 4 KiB: a chunk row is ~1 KB of text, and with four
  // times fewer pages the inserts of a 10k-chunk build took ~25 % less time and the file came
  // out 18 % smaller (11.8 MB instead of 14.4 MB), so less to write, hash and fsync; 32 and
  // 64 KiB gained nothing more (docs/performance.md). Must come before the first table.
  db.pragma("page_size = 16384");
  // No per-transaction sync while building: the file lives in a temp directory that is
  // discarded on any failure, and the builder fsyncs it before publishing. The rollback
  // journal stays, in memory: a book that fails halfway (the run goes on without it) must
  // roll back, and SQLite leaves ROLLBACK undefined with journal_mode=OFF, which
  // better-sqlite3's defensive mode refuses silently anyway. In memory, no journal file is
  // created and deleted per book (a thousand times for a 1M-chunk library).
  setJournalMode(db, "memory");
  db.pragma("synchronous = OFF");
  db.exec(SCHEMA);
  if (options.keywordIndex) db.exec(KEYWORD_SCHEMA);
  const indexTerms = options.keywordIndex ? createKeywordInserter(db) : undefined;
  const insertBook = db.prepare(
    "INSERT INTO books VALUES (@bookId, @file, @title, @author, @format, @pages, @chunkCount, @firstLabel)",
  );
  const insertChunk = db.prepare(
    "INSERT INTO chunks (label, book_id, position, page, page_end, chapter, text, section, page_label, page_label_end, ocr) " +
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const addBook = db.transaction((record: BookRecord, chunks: Chunk[]) => {
    insertBook.run({ ...record, author: record.author ?? null, pages: record.pages ?? null });
    chunks.forEach((chunk, index) => {
      insertChunk.run(
        record.firstLabel + index,
        record.bookId,
        chunk.position,
        chunk.page ?? null,
        chunk.pageEnd ?? null,
        chunk.chapter ?? null,
        chunk.text,
        chunk.section ?? null,
        chunk.pageLabel ?? null,
        chunk.pageLabelEnd ?? null,
        chunk.ocr ? 1 : null,
      );
      indexTerms?.(record.firstLabel + index, chunk.text, headingOf(record.title, chunk.chapter, chunk.section));
    });
  });
  let closed = false;
  return {
    addBook: (record, chunks) => {
      addBook(record, chunks);
    },
    finish: async () => {
      if (closed) return;
      closed = true;
      try {
        db.exec(INDEXES);
        // Readers open the file read-only and expect a plain rollback-journal database.
        setJournalMode(db, "delete");
      } finally {
        // Even when a full disk refuses the last write: a long-running worker must not leak the handle.
        db.close();
      }
    },
    abort: () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

/** SQLite answers a journal mode it cannot set with the mode it kept, not an error. */
function setJournalMode(db: Database.Database, mode: "memory" | "delete"): void {
  const actual = db.pragma(`journal_mode = ${mode}`, { simple: true });
  if (actual !== mode) throw new Error(`${db.name}: SQLite kept journal mode ${String(actual)}, asked for ${mode}`);
}

interface ChunkRow {
  label: number;
  book_id: string;
  position: number;
  page: number | null;
  page_end: number | null;
  chapter: string | null;
  text: string;
  section: string | null;
  page_label: string | null;
  page_label_end: string | null;
  ocr: number | null;
  file: string;
  title: string;
  author: string | null;
}

function rowToChunk(row: ChunkRow): Chunk {
  return {
    bookId: row.book_id,
    file: row.file,
    title: row.title,
    ...(row.author !== null ? { author: row.author } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
    ...(row.page_end !== null ? { pageEnd: row.page_end } : {}),
    ...(row.chapter !== null ? { chapter: row.chapter } : {}),
    ...(row.section !== null ? { section: row.section } : {}),
    ...(row.page_label !== null ? { pageLabel: row.page_label } : {}),
    ...(row.page_label_end !== null ? { pageLabelEnd: row.page_label_end } : {}),
    ...(row.ocr ? { ocr: true as const } : {}),
    position: row.position,
    text: row.text,
  };
}

/** Columns added after the first release: generations written before them read as NULL. */
const LATER_COLUMNS = ["section", "page_label", "page_label_end", "ocr"] as const;

function chunkColumns(db: Database.Database): string {
  const present = new Set((db.pragma("table_info(chunks)") as { name: string }[]).map((column) => column.name));
  const later = LATER_COLUMNS.map((name) => (present.has(name) ? `c.${name}` : `NULL AS ${name}`));
  return [
    "c.label, c.book_id, c.position, c.page, c.page_end, c.chapter, c.text",
    ...later,
    "b.file, b.title, b.author",
  ].join(", ");
}

export function openSqliteDocstoreReader(path: string): DocstoreReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const count = db.prepare("SELECT count(*) AS n FROM chunks");
  const CHUNK_COLUMNS = chunkColumns(db);
  // One prepared statement for any number of labels (a search asks for 5–50 at a time).
  const byLabels = db.prepare(
    `SELECT ${CHUNK_COLUMNS} FROM chunks c JOIN books b USING (book_id) WHERE c.label IN (SELECT value FROM json_each(?))`,
  );
  const byBook = db.prepare(
    `SELECT ${CHUNK_COLUMNS} FROM books b JOIN chunks c ON c.label >= b.first_label AND c.label < b.first_label + b.chunk_count ` +
      "WHERE b.book_id = ? AND c.book_id = b.book_id ORDER BY c.label",
  );
  const chunkCount = () => (count.get() as { n: number }).n;
  return {
    keywordIndex: hasKeywordTable(db) ? openKeywordIndex(db, chunkCount()) : undefined,
    chunkCount,
    chunksByLabel(labels) {
      const out = new Map<number, Chunk>();
      if (labels.length === 0) return out;
      for (const row of byLabels.all(JSON.stringify(labels)) as ChunkRow[]) out.set(row.label, rowToChunk(row));
      return out;
    },
    chunksOfBook: (bookId) => (byBook.all(bookId) as ChunkRow[]).map(rowToChunk),
    close: () => db.close(),
  };
}
