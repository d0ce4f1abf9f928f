// The docstore's citation fields: section, page labels and the OCR mark go in and come back
// out, in the docstore file and in SQLite as older generations have it, and a generation written
// before those columns existed still opens and reads (a derived
// generation keeps such a docstore as its segment, unchanged, beside a new segment's).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunking/types.js";
import { createDocstoreWriter, openDocstoreReader } from "../../src/index/generation/docstore.js";
import type { BookRecord } from "../../src/index/generation/manifest.js";
import { keywordTerms } from "../../src/index/keyword/keyword-terms.js";

const dir = mkdtempSync(join(tmpdir(), "docstore-columns-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RECORD: BookRecord = {
  bookId: "b".repeat(64),
  file: "manual.pdf",
  title: "Manual",
  format: "pdf",
  pages: 40,
  chunkCount: 2,
  firstLabel: 0,
};

const CHUNKS: Chunk[] = [
  {
    bookId: RECORD.bookId,
    title: "Manual",
    file: "manual.pdf",
    page: 12,
    pageEnd: 13,
    pageLabel: "xii",
    pageLabelEnd: "xiii",
    section: "4.3 Preparing the upload",
    position: 0,
    text: "Prepare the upload with dput.",
  },
  { bookId: RECORD.bookId, title: "Manual", file: "manual.pdf", page: 14, position: 1, text: "Then wait.", ocr: true },
];

describe("docstore citation columns", () => {
  it("stores section and page labels and reads them back", async () => {
    const path = join(dir, "docstore.bin");
    const writer = createDocstoreWriter(path);
    writer.addBook(RECORD, CHUNKS);
    await writer.finish();
    const reader = openDocstoreReader(path);
    expect(reader.chunksOfBook(RECORD.bookId)).toEqual(CHUNKS);
    expect(reader.chunksByLabel([1, 0])).toEqual(
      new Map([
        [1, CHUNKS[1]],
        [0, CHUNKS[0]],
      ]),
    );
    reader.close();
  });

  it("does the same in SQLite, as generations before 2026-12-07, with the FTS5 keyword table of the oldest", async () => {
    const path = join(dir, "new.sqlite");
    const writer = createDocstoreWriter(path, { sqlite: { keywordTable: true } });
    writer.addBook(RECORD, CHUNKS);
    await writer.finish();
    const reader = openDocstoreReader(path);
    expect(reader.chunksOfBook(RECORD.bookId)).toEqual(CHUNKS);
    // The section is part of the keyword heading: a question naming it finds the chunk.
    expect(reader.keywordIndex?.search(keywordTerms("preparing"), 5).map((hit) => hit.label)).toContain(0);
    reader.close();
  });

  const writeOldDocstore = (path: string) => {
    const db = new Database(path);
    db.exec(`
      CREATE TABLE books (
        book_id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT NOT NULL, author TEXT,
        format TEXT NOT NULL, pages INTEGER, chunk_count INTEGER NOT NULL, first_label INTEGER NOT NULL
      );
      CREATE TABLE chunks (
        label INTEGER PRIMARY KEY, book_id TEXT NOT NULL REFERENCES books(book_id),
        position INTEGER NOT NULL, page INTEGER, page_end INTEGER, chapter TEXT, text TEXT NOT NULL
      );`);
    db.prepare("INSERT INTO books VALUES (?, 'old.epub', 'Old', NULL, 'epub', NULL, 1, 0)").run(RECORD.bookId);
    db.prepare("INSERT INTO chunks VALUES (0, ?, 0, NULL, NULL, 'Глава 1', 'Старый текст.')").run(RECORD.bookId);
    db.close();
  };

  it("reads a generation written before the section, page-label and OCR columns existed", () => {
    const path = join(dir, "old.sqlite");
    writeOldDocstore(path);
    const reader = openDocstoreReader(path);
    expect(reader.chunksByLabel([0]).get(0)).toEqual({
      bookId: RECORD.bookId,
      file: "old.epub",
      title: "Old",
      chapter: "Глава 1",
      position: 0,
      text: "Старый текст.",
    });
    reader.close();
  });
});
