// Scanned books through the whole inline ingest with real Tesseract, FAISS and SQLite: a scanned
// PDF and a DjVu are indexed, the report says where each book's pages came from, a question is
// answered from the scanned page it is on (the passage marked OCR), and a re-ingest of the
// unchanged books reuses them without parsing (the OCR facts kept in the report).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeMixedPdf, writeScannedDjvu } from "@ai-library/book-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";
import { openIndexStore } from "../../src/index/index.js";
import { type IngestReport, ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type LiveLibrary } from "../../src/retrieval/index.js";
import { quietLogger } from "../embeddings/quiet-logger.js";
import { ENGLISH_PAGE, HONEY_PAGE, OCR_TEST_TIMEOUT, RUSSIAN_PAGE } from "../loaders/ocr-fixtures.js";

const root = mkdtempSync(join(tmpdir(), "scanned-ingest-"));
const books = join(root, "books");
const indexDir = join(root, "index");
const logger = quietLogger();
const embedder = createLocalHashedEmbedder({ dims: 384 });
const config = parseConfig({ INDEX_DIR: indexDir, CHUNK_SIZE: "400", CHUNK_OVERLAP: "40" });
let library: LiveLibrary | undefined;

const ingest = (): Promise<IngestReport> =>
  runIngest(
    { settings: ingestSettingsFromConfig(config), logger, embedder, store: openIndexStore(indexDir) },
    { folder: books },
  );

beforeAll(async () => {
  mkdirSync(books);
  await writeMixedPdf({
    path: join(books, "mayak.pdf"),
    title: "Маяк",
    pages: [ENGLISH_PAGE, RUSSIAN_PAGE],
    scanned: [2],
    dpi: 300,
  });
  await writeScannedDjvu({
    path: join(books, "honey.djvu"),
    title: "Пасека",
    pages: [ENGLISH_PAGE.slice(0, 120), HONEY_PAGE],
    dpi: 300,
    encoder: "cjb2",
  });
  writeFileSync(join(books, "notes.txt"), "Notes\n\nThe ferry stops until March.\n");
}, OCR_TEST_TIMEOUT);

afterAll(() => library?.close());

describe("scanned books in the ingest", () => {
  it(
    "indexes them, reports their pages by source and cites the scanned page of an answer",
    async () => {
      expect(ingestSettingsFromConfig(config).ocr.enabled, "tesseract must be installed (setup-system.sh)").toBe(true);
      const first = await ingest();
      expect(first.published).toBe(true);
      const byFile = new Map(first.outcomes.map((outcome) => [outcome.file, outcome]));
      expect(byFile.get("mayak.pdf")).toMatchObject({
        status: "indexed",
        pages: 2,
        ocr: { textPages: 1, ocrPages: 1, failedPages: [] },
      });
      expect(byFile.get("honey.djvu")).toMatchObject({
        status: "indexed",
        title: "Пасека",
        pages: 2,
        ocr: { textPages: 0, ocrPages: 2, failedPages: [] },
      });
      expect(byFile.get("notes.txt")?.ocr).toBeUndefined();

      library = createLiveLibrary({
        store: openIndexStore(indexDir),
        embedder,
        logger,
        retrieval: DEFAULT_RETRIEVAL_SETTINGS,
      });
      await library.reloadIfChanged();
      const [tern] = (await library.search("где пара крачек вывела птенцов", 3)).passages;
      expect(tern).toMatchObject({ file: "mayak.pdf", page: 2, ocr: true });
      const [honey] = (await library.search("когда собирают липовый мёд", 3)).passages;
      // The DjVu's first page is one short line, so the passage may start there; it must hold page 2.
      expect(honey).toMatchObject({ title: "Пасека", ocr: true });
      expect([honey?.page, honey?.pageEnd ?? honey?.page]).toContain(2);
      const [text] = (await library.search("thickness of the ice and the wind", 3)).passages;
      expect(text).toMatchObject({ file: "mayak.pdf", page: 1 });
      expect(text?.ocr).toBeUndefined();

      const second = await ingest();
      expect(second.outcomes.find((outcome) => outcome.file === "mayak.pdf")).toMatchObject({
        status: "unchanged",
        ocr: { textPages: 1, ocrPages: 1, failedPages: [] },
      });
      expect(second.embeddedChunks).toBe(0);
    },
    OCR_TEST_TIMEOUT,
  );
});
