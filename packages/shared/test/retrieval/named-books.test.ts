// A question that names a book searches that book. "How does the Devil's Dictionary define a
// bore?" beside three novels (Moby-Dick has "bore", of "bear", on many pages) and with the
// dictionary's title words heading every one of its own chunks: the entry «Bore, n. A person who talks when you wish him
// to listen» must come first and be quoted. Real books from the shared corpus, the real inline
// ingest, FAISS and SQLite.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerFromPassages } from "../../src/answer/index.js";
import type { LiveLibrary } from "../../src/retrieval/index.js";
import { booksNamedIn, type NamedBook, withoutTitleTerms } from "../../src/retrieval/named-books.js";
import { ingestedLibrary } from "./ingested-library.js";

const CORPUS = resolve(import.meta.dirname, "../../../../../shared/corpus/epub");
const DICTIONARY = "se_ambrose-bierce_the-devils-dictionary.epub";
const NOVEL = "idpf_moby-dick.epub";
// Two more novels: with four books the dictionary's title page and its other entries, which
// match the title words, fill the results when the title is searched for.
const MORE_NOVELS = [
  "se_arthur-conan-doyle_the-adventures-of-sherlock-holmes.epub",
  "se_ivan-turgenev_fathers-and-children_constance-garnett.epub",
];
const root = mkdtempSync(join(tmpdir(), "named-books-"));
const books = join(root, "books");
let library: LiveLibrary;

beforeAll(async () => {
  mkdirSync(books);
  for (const file of [DICTIONARY, NOVEL, ...MORE_NOVELS]) copyFileSync(join(CORPUS, file), join(books, file));
  library = await ingestedLibrary(books, join(root, "index"));
}, 240_000);

afterAll(() => {
  library?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a question that names a book", () => {
  it("is searched in that book, without its title words", async () => {
    const question = "How does the Devil's Dictionary define a bore?";
    const { passages } = await library.search(question, 5);
    expect(passages.map((passage) => passage.file)).toEqual(Array(passages.length).fill(DICTIONARY));
    const answer = answerFromPassages(question, passages, "en");
    expect(answer.text).toContain("A person who talks when you wish him to listen");
  });

  it("is searched as if unnamed when the book holds nothing else the question asks", async () => {
    const { passages } = await library.search("The Devil's Dictionary on Queequeg's harpoon?", 3);
    expect(passages[0]?.file).toBe(NOVEL);
    expect(passages[0]?.text).toMatch(/Queequeg/);
  });
});

describe("booksNamedIn", () => {
  const library = [
    { title: "The Devil’s Dictionary", firstLabel: 0, chunkCount: 10 },
    { title: "R", firstLabel: 10, chunkCount: 5 },
    { title: "Moby-Dick", firstLabel: 15, chunkCount: 7 },
  ];
  const named = (question: string, among = library) => booksNamedIn(question, among).map((book) => book.firstLabel);

  it("needs every title word, and at least two of them", () => {
    expect(named("How does the Devil's Dictionary define a bore?")).toEqual([0]);
    expect(named("What would the devil say about a bore?")).toEqual([]);
    expect(named("How do I quit R?")).toEqual([]);
    expect(named("Who hunts Moby-Dick?")).toEqual([15]);
    // Every title word, but not the title: the dictionary of the devil is not named.
    expect(named("Which dictionary does the devil keep?")).toEqual([]);
  });

  it("narrows nothing when every book is named", () => {
    const two = library.filter((book) => book.title !== "R");
    expect(named("Is Moby-Dick in the Devil's Dictionary?", two)).toEqual([]);
  });
});

describe("withoutTitleTerms", () => {
  const dictionary: NamedBook = { firstLabel: 0, chunkCount: 100, titleTerms: ["devil", "dictionari"] };
  const article: NamedBook = { firstLabel: 100, chunkCount: 6, titleTerms: ["civil", "disobedi"] };
  const translated: NamedBook = { firstLabel: 106, chunkCount: 6, titleTerms: ["civil", "disobedi"] };
  const inText: Record<number, Record<string, number>> = {
    0: { devil: 4, dictionari: 1 },
    100: { civil: 6, disobedi: 6 },
    106: {},
  };
  const textChunks = (term: string, book: NamedBook) => inText[book.firstLabel]?.[term] ?? 0;

  it("drops title words the book's text seldom uses: they name it", () => {
    expect(withoutTitleTerms(["devil", "dictionari", "bore"], [dictionary], textChunks)).toEqual(["bore"]);
  });

  it("keeps title words that describe the book, also beside a translation that does not use them", () => {
    const terms = ["famous", "indian", "civil", "disobedi"];
    expect(withoutTitleTerms(terms, [article], textChunks)).toEqual(terms);
    expect(withoutTitleTerms(terms, [article, translated], textChunks)).toEqual(terms);
  });

  it("keeps them all when nothing else is asked", () => {
    expect(withoutTitleTerms(["devil", "dictionari"], [dictionary], textChunks)).toEqual(["devil", "dictionari"]);
  });
});
