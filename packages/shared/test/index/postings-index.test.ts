// keywords.bin (the keyword index since 2026-12-06) must rank exactly as the FTS5 table it
// replaced: the same chunks with the same BM25 scores for every question, the same document
// frequencies, typo corrections and per-book counts, so answers do not change with the format.
// Real books from ../shared/corpus through the real ingest; the FTS5 generation is written
// from the same chunks and vectors, as versions before keywords.bin wrote it.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import {
  type IndexStore,
  keywordTerms,
  type LoadedGeneration,
  openIndexStore,
  type ScoredLabel,
  verifyGeneration,
} from "../../src/index/index.js";
import { ingestSettingsFromConfig, runIngest } from "../../src/pipeline/index.js";
import { captureLogger } from "../retrieval/capture-logger.js";
import { localEmbedder } from "../retrieval/text-library.js";

const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus");
const root = mkdtempSync(join(tmpdir(), "postings-index-"));
const books = join(root, "books");
const settings = ingestSettingsFromConfig(parseConfig({ CHUNK_SIZE: "600", CHUNK_OVERLAP: "60" }));
const embedder = localEmbedder();
const opened: LoadedGeneration[] = [];

let postings: LoadedGeneration;
let table: LoadedGeneration;
let tableStore: IndexStore;

/** The same books, chunks and vectors as `source`'s live generation, keyword index in FTS5. */
async function fts5Copy(source: LoadedGeneration): Promise<IndexStore> {
  const store = openIndexStore(join(root, "fts5"));
  await store.publish(
    {
      embedder: source.manifest.embedder,
      chunking: source.manifest.chunking,
      indexFactory: "Flat",
      keywordTable: true,
    },
    async (builder) => {
      for (const book of source.manifest.books) {
        const { chunkCount: _count, firstLabel: _label, ...record } = book;
        builder.addBook(record, source.chunksOfBook(book.bookId), source.vectorsOfBook(book.bookId));
      }
    },
  );
  return store;
}

/** Questions made of the library's own words: a few words of every 37th chunk, and typos. */
function questionsFrom(generation: LoadedGeneration): string[] {
  const questions: string[] = [];
  for (const book of generation.manifest.books) {
    generation.chunksOfBook(book.bookId).forEach((chunk, at) => {
      if (at % 37 !== 5) return;
      const words = chunk.text.split(/\s+/).filter((word) => word.length > 3);
      questions.push(words.slice(3, 8).join(" "), words.slice(10, 12).join(" "));
    });
  }
  return [
    ...questions,
    "Sherlok Holms",
    "Watsn doctor",
    "грамматика японского",
    "хирагана катакана",
    "электронные книги",
  ];
}

/** Hits best first with equal scores by label: FTS5 orders ties as it likes. */
const ordered = (hits: ScoredLabel[]) => [...hits].sort((a, b) => b.score - a.score || a.label - b.label);

beforeAll(async () => {
  mkdirSync(books);
  copyFileSync(
    join(CORPUS, "epub/se_arthur-conan-doyle_the-adventures-of-sherlock-holmes.epub"),
    join(books, "holmes.epub"),
  );
  copyFileSync(join(CORPUS, "epub/TaeKim_RU.epub"), join(books, "taekim.epub"));
  copyFileSync(join(CORPUS, "epub/fb-intro-ru.epub"), join(books, "fb-intro.epub"));
  const store = openIndexStore(join(root, "index"));
  const report = await runIngest({ settings, logger: captureLogger().logger, embedder, store }, { folder: books });
  expect(report.published).toBe(true);
  postings = await store.openLive();
  opened.push(postings);
  tableStore = await fts5Copy(postings);
  table = await tableStore.openLive();
  opened.push(table);
}, 240_000);

afterAll(() => {
  for (const generation of opened) generation.close();
  rmSync(root, { recursive: true, force: true });
});

describe("keywords.bin", () => {
  it("is what a generation is published with now, listed and verified like every file", async () => {
    expect(postings.manifest.keywordIndex).toEqual({ file: "keywords.bin", terms: expect.any(String) });
    expect(Object.keys(postings.manifest.files)).toContain("keywords.bin");
    expect(table.manifest.keywordIndex).toEqual({ table: "chunk_terms", terms: expect.any(String) });
    expect((await verifyGeneration(postings.dir)).faults).toEqual([]);
    expect(readdirSync(postings.dir).filter((name) => name.includes("run"))).toEqual([]);
  });

  it("finds the same chunks with the same BM25 scores as the FTS5 table, for every question", () => {
    const questions = questionsFrom(postings);
    expect(questions.length).toBeGreaterThan(100);
    let compared = 0;
    for (const question of questions) {
      const terms = keywordTerms(question);
      const ours = ordered(postings.keywordCandidates(terms, 20));
      const theirs = ordered(table.keywordCandidates(terms, 20));
      expect(
        ours.map((hit) => hit.score.toPrecision(12)),
        question,
      ).toEqual(theirs.map((hit) => hit.score.toPrecision(12)));
      // Chunks tied at the cut-off may differ; every chunk above it must be the same.
      const last = theirs.at(-1)?.score ?? 0;
      const above = (hits: ScoredLabel[]) => hits.filter((hit) => hit.score > last + 1e-9).map((hit) => hit.label);
      expect(above(ours), question).toEqual(above(theirs));
      compared += theirs.length;
      expect(postings.termWeights(terms), question).toEqual(table.termWeights(terms));
      expect(postings.searchableTerms(terms), question).toEqual(table.searchableTerms(terms));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("keeps a search inside named books and counts a term per book as the table did", () => {
    const [holmes, taekim] = postings.manifest.books;
    if (!holmes || !taekim) throw new Error("two books expected");
    const ranges = [holmes, taekim].map((book) => ({ firstLabel: book.firstLabel, chunkCount: book.chunkCount }));
    for (const question of ["the detective and his friend", "японский язык глагол", "window street"]) {
      const terms = keywordTerms(question);
      for (const within of [[ranges[0]], [ranges[1]], ranges]) {
        const scope = within as { firstLabel: number; chunkCount: number }[];
        const ours = ordered(postings.keywordCandidates(terms, 10, scope));
        expect(ours.map((hit) => hit.score.toPrecision(12))).toEqual(
          ordered(table.keywordCandidates(terms, 10, scope)).map((hit) => hit.score.toPrecision(12)),
        );
        for (const hit of ours) {
          expect(
            scope.some((range) => hit.label >= range.firstLabel && hit.label < range.firstLabel + range.chunkCount),
          ).toBe(true);
        }
        for (const term of terms) {
          for (const range of scope)
            expect(postings.textChunksWithin(term, range)).toBe(table.textChunksWithin(term, range));
        }
      }
    }
  });

  it("corrects a misspelt term to the same library term as the table did", () => {
    const typos = ["sherlok", "holmse", "detectve", "magnifcent", "грамматика", "граматика", "японскй", "lighthuose"];
    const terms = typos.flatMap((word) => keywordTerms(word));
    expect(postings.knownTerms(terms)).toEqual(table.knownTerms(terms));
    expect(postings.knownTerms(keywordTerms("Sherlok"))).toEqual(keywordTerms("Sherlock"));
  });

  it("leaves an older generation's FTS5 table serving until the next ingest rebuilds it into keywords.bin", async () => {
    // `table` is such a generation, live in its store and answering above; the next run says why it is not derived.
    const logger = captureLogger();
    const report = await runIngest({ settings, logger: logger.logger, embedder, store: tableStore }, { folder: books });
    expect(report.published).toBe(true);
    expect(logger.lines().join("\n")).toMatch(/builtFromScratch.*старом формате \(таблица FTS5 в docstore\)/);
    const rebuilt = await tableStore.openLive();
    opened.push(rebuilt);
    expect(rebuilt.manifest.keywordIndex?.file).toBe("keywords.bin");
    const terms = keywordTerms("the speckled band");
    expect(rebuilt.keywordCandidates(terms, 10).map((hit) => hit.score)).toEqual(
      postings.keywordCandidates(terms, 10).map((hit) => hit.score),
    );
  });
});
