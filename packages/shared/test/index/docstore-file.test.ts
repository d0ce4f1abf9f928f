// docstore.bin, the docstore of generations written since 2026-12-07: it gives back every chunk
// exactly as the SQLite docstore of older generations does, of real books through the real
// ingest; a generation with a SQLite docstore is still served, derived from (its segment kept as
// it is beside a new docstore.bin segment) and folded into docstore.bin; and a damaged or
// inconsistent file is refused with the file and the fault named.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunking/types.js";
import { parseConfig } from "../../src/config/index.js";
import { createDocstoreWriter, openDocstoreReader } from "../../src/index/generation/docstore.js";
import type { BookRecord } from "../../src/index/generation/manifest.js";
import {
  compactLiveGeneration,
  type IndexStore,
  type LoadedGeneration,
  openIndexStore,
  segmentsOf,
  verifyGeneration,
} from "../../src/index/index.js";
import { ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import { captureLogger } from "../retrieval/capture-logger.js";
import { localEmbedder } from "../retrieval/text-library.js";

const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus");
const root = mkdtempSync(join(tmpdir(), "docstore-file-"));
const books = join(root, "books");
const settings = ingestSettingsFromConfig(parseConfig({ CHUNK_SIZE: "600", CHUNK_OVERLAP: "60" }));
const embedder = localEmbedder();
const opened: LoadedGeneration[] = [];

afterAll(() => {
  for (const generation of opened) generation.close();
  rmSync(root, { recursive: true, force: true });
});

const book = (id: string, firstLabel: number, chunkCount: number): BookRecord => ({
  bookId: id.repeat(64),
  file: `${id}.pdf`,
  title: `Book ${id}`,
  author: "Автор",
  format: "pdf",
  pages: 9,
  chunkCount,
  firstLabel,
});
const chunksOf = (record: BookRecord): Chunk[] =>
  Array.from({ length: record.chunkCount }, (_, position) => ({
    bookId: record.bookId,
    file: record.file,
    title: record.title,
    author: "Автор",
    position,
    ...(position % 2 === 0 ? { page: position + 1, chapter: `Глава ${position}` } : {}),
    text: `Фрагмент ${position} книги ${record.title}: ёлка, naïve, 日本語.`,
  }));

async function writeDocstore(path: string, records: BookRecord[]): Promise<void> {
  const writer = createDocstoreWriter(path);
  for (const record of records) writer.addBook(record, chunksOf(record));
  await writer.finish();
}

describe("docstore.bin", () => {
  it("reads a segment's chunks by label from its first label on, in the order asked, skipping unknown labels", async () => {
    const path = join(root, "segment.docstore.bin");
    const first = book("a", 500, 3);
    const second = book("b", 503, 4);
    await writeDocstore(path, [first, second]);
    const reader = openDocstoreReader(path);
    try {
      expect(reader.chunkCount()).toBe(7);
      expect(reader.chunksOfBook(second.bookId)).toEqual(chunksOf(second));
      expect(reader.chunksOfBook("z".repeat(64))).toEqual([]);
      const found = reader.chunksByLabel([505, 0, 501, 507, 499, 503]);
      expect([...found.keys()]).toEqual([505, 501, 503]);
      expect(found.get(505)).toEqual(chunksOf(second)[2]);
      expect(found.get(501)).toEqual(chunksOf(first)[1]);
      expect(reader.keywordIndex).toBeUndefined();
    } finally {
      reader.close();
    }
  });

  it("holds an empty library", async () => {
    const path = join(root, "empty.docstore.bin");
    await writeDocstore(path, []);
    const reader = openDocstoreReader(path);
    expect(reader.chunkCount()).toBe(0);
    expect(reader.chunksByLabel([0, 1]).size).toBe(0);
    reader.close();
  });

  it("refuses a book out of label order, and a page that is not a page number, before writing anything of it", async () => {
    const path = join(root, "refused.docstore.bin");
    const writer = createDocstoreWriter(path);
    writer.addBook(book("a", 0, 2), chunksOf(book("a", 0, 2)));
    expect(() => writer.addBook(book("b", 5, 1), chunksOf(book("b", 5, 1)))).toThrow(
      /b\.pdf начинается с метки 5, а не 2/,
    );
    const bad = chunksOf(book("c", 2, 2)).map((chunk) => ({ ...chunk, page: 1.5 }));
    expect(() => writer.addBook(book("c", 2, 2), bad)).toThrow(/c\.pdf: page 1\.5 — не номер страницы/);
    writer.addBook(book("d", 2, 1), chunksOf(book("d", 2, 1)));
    await writer.finish();
    const reader = openDocstoreReader(path);
    expect(reader.chunkCount()).toBe(3);
    expect(reader.chunksByLabel([2]).get(2)).toEqual(chunksOf(book("d", 2, 1))[0]);
    reader.close();
  });

  it("names the file and the fault when it is damaged", async () => {
    const path = join(root, "damaged.docstore.bin");
    await writeDocstore(path, [book("a", 0, 3)]);
    const sound = readFileSync(path);

    truncateSync(path, sound.length - 10);
    expect(() => openDocstoreReader(path)).toThrow(/damaged\.docstore\.bin: заголовок не сходится с размером файла/);

    writeFileSync(path, Buffer.concat([Buffer.from("SQLite f"), sound.subarray(8)]));
    expect(() => openDocstoreReader(path)).toThrow(/damaged\.docstore\.bin: не docstore/);

    const newer = Buffer.from(sound);
    newer.writeUInt32LE(2, 8);
    writeFileSync(path, newer);
    expect(() => openDocstoreReader(path)).toThrow(/формат docstore 2, эта версия читает 1; обновите программу/);

    // A row's start pointing past the rows is caught when the row is read.
    const offsetsAt = sound.readDoubleLE(32);
    const pointing = Buffer.from(sound);
    pointing.writeDoubleLE(offsetsAt + 1000, offsetsAt + 8);
    writeFileSync(path, pointing);
    const reader = openDocstoreReader(path);
    expect(() => reader.chunksByLabel([1])).toThrow(/damaged\.docstore\.bin: строка 1 за пределами файла/);
    reader.close();
  });
});

describe("docstore.bin beside SQLite, with real books", () => {
  let live: LoadedGeneration;
  let sqliteStore: IndexStore;
  let sqlite: LoadedGeneration;

  beforeAll(async () => {
    mkdirSync(books);
    copyFileSync(join(CORPUS, "pdf/tracemonkey.pdf"), join(books, "tracemonkey.pdf"));
    copyFileSync(join(CORPUS, "epub/fb-intro-ru.epub"), join(books, "fb-intro.epub"));
    const store = openIndexStore(join(root, "index"));
    const report = await runIngest({ settings, logger: captureLogger().logger, embedder, store }, { folder: books });
    expect(report.published).toBe(true);
    live = await store.openLive();
    opened.push(live);
    // The same books, chunks and vectors in a generation as versions before 2026-12-07 wrote it.
    sqliteStore = openIndexStore(join(root, "sqlite-index"));
    await sqliteStore.publish(
      {
        embedder: live.manifest.embedder,
        chunking: live.manifest.chunking,
        indexFactory: "Flat",
        sqliteDocstore: true,
      },
      async (builder) => {
        for (const { chunkCount: _count, firstLabel: _label, ...record } of live.manifest.books) {
          builder.addBook(record, live.chunksOfBook(record.bookId), live.vectorsOfBook(record.bookId));
        }
      },
    );
    sqlite = await sqliteStore.openLive();
    opened.push(sqlite);
  }, 240_000);

  it("gives back every chunk of every book exactly as the SQLite docstore does", () => {
    expect(Object.keys(live.manifest.files)).toContain("docstore.bin");
    expect(Object.keys(sqlite.manifest.files)).toContain("docstore.sqlite");
    let chunks = 0;
    for (const { bookId } of live.manifest.books) {
      const ours = live.chunksOfBook(bookId);
      expect(ours).toEqual(sqlite.chunksOfBook(bookId));
      chunks += ours.length;
    }
    expect(chunks).toBe(live.manifest.chunkCount);
    expect(chunks).toBeGreaterThan(50);
    // Pages and chapters came through (the PDF has pages, the EPUB chapters).
    const all = live.manifest.books.flatMap((record) => live.chunksOfBook(record.bookId));
    expect(all.some((chunk) => chunk.page !== undefined)).toBe(true);
    expect(all.some((chunk) => chunk.chapter !== undefined)).toBe(true);
    const labels = Array.from({ length: 40 }, (_, at) => (at * 7919) % live.manifest.chunkCount);
    expect(live.chunksByLabel(labels)).toEqual(sqlite.chunksByLabel(labels));
  });

  it("derives from a live generation whose docstore is SQLite, and folds it into docstore.bin", async () => {
    copyFileSync(join(CORPUS, "epub/idpf_childrens-literature.epub"), join(books, "childrens.epub"));
    const report = await runIngest(
      { settings, logger: captureLogger().logger, embedder, store: sqliteStore },
      { folder: books },
    );
    expect(report.published).toBe(true);
    const derived = await sqliteStore.openLive();
    opened.push(derived);
    const segments = segmentsOf(derived.manifest);
    expect(segments.map((segment) => segment.docstore)).toEqual(["docstore.sqlite", `seg-${derived.id}.docstore.bin`]);
    expect((await verifyGeneration(derived.dir)).faults).toEqual([]);
    const added = derived.manifest.books.find((record) => record.file === "childrens.epub");
    expect(derived.chunksOfBook(added?.bookId ?? "").length).toBe(added?.chunkCount);
    for (const { bookId } of live.manifest.books)
      expect(derived.chunksOfBook(bookId)).toEqual(live.chunksOfBook(bookId));

    const outcome = await compactLiveGeneration(sqliteStore, { force: true });
    expect(outcome).toMatchObject({ kind: "compacted" });
    const folded = await sqliteStore.openLive();
    opened.push(folded);
    expect(Object.keys(folded.manifest.files).sort()).toEqual(["docstore.bin", "index.faiss", "keywords.bin"]);
    expect((await verifyGeneration(folded.dir)).faults).toEqual([]);
    for (const { bookId } of derived.manifest.books) {
      expect(folded.chunksOfBook(bookId)).toEqual(derived.chunksOfBook(bookId));
    }
  });
});
