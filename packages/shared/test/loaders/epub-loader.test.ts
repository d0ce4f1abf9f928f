// EPUB loading: spine order, TOC chapter titles, clean text, metadata, zip bombs and broken files.
import { join } from "node:path";
import { writeEpubBook, writeZipBombEpub } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { BookLoadError, loadBook } from "../../src/loaders/index.js";
import { CORPUS, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("epub");

const CHAPTERS = [
  { title: "Введение", text: "Эта книга о том, как читать книги.\n\nВторой абзац введения." },
  { title: "Глава 1. Символы", text: 'Амперсанд & и знаки <меньше> и "кавычки" остаются как есть.' },
  { title: "Глава 2. Конец", text: "Последняя глава, в которой всё заканчивается." },
];

async function loadError(path: string, limits = TEST_LIMITS) {
  const error = await loadBook(path, limits).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BookLoadError);
  return error as BookLoadError;
}

describe("loadBook on EPUB", () => {
  it("returns chapters in spine order with titles from the table of contents and clean text", async () => {
    const path = join(dir(), "book.epub");
    await writeEpubBook({ path, title: "Как читать", author: "Мария Иванова", language: "ru", chapters: CHAPTERS });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book).toMatchObject({ format: "epub", title: "Как читать", author: "Мария Иванова", language: "ru" });
    expect(book.sections.map((section) => section.chapter)).toEqual(CHAPTERS.map((chapter) => chapter.title));
    expect(book.sections[0]?.text).toBe("Введение\n\nЭта книга о том, как читать книги.\n\nВторой абзац введения.");
    const symbols = book.sections[1]?.text ?? "";
    expect(symbols).toContain('Амперсанд & и знаки <меньше> и "кавычки" остаются как есть.');
    expect(symbols).not.toMatch(/&amp;|&lt;|<p>|<h1>/);
  });

  it("prefers the TOC title over the chapter's own heading", async () => {
    const book = await loadBook(`${CORPUS}/epub/TaeKim_RU.epub`, TEST_LIMITS);
    // A file listed under a top-level entry: the entry names the chapter, the file's own entry the section.
    const guide = book.sections.find((section) => section.section === "Японский путеводитель");
    expect(guide?.chapter).toBe("1. Введение");
    expect(guide?.text).toMatch(/^Японский путеводитель по японской грамматике\n\n/);
    expect(book.language).toBe("ru");
  });

  it("refuses a zip bomb from its declared sizes before inflating anything", async () => {
    const path = join(dir(), "bomb.epub");
    await writeZipBombEpub(path, 64 * 1024 * 1024);
    const error = await loadError(path, { ...TEST_LIMITS, maxUncompressedBytes: 16 * 1024 * 1024 });
    expect(error.kind).toBe("too_large");
  });

  it("refuses a zip bomb whose headers understate the unpacked size", async () => {
    const path = join(dir(), "lying-bomb.epub");
    await writeZipBombEpub(path, 64 * 1024 * 1024, { lieAboutSize: true });
    expect((await loadError(path)).kind).toBe("too_large");
  });

  it.each([
    ["ocf-zip-unreadable-no-end-header-fatal.epub", "corrupt"],
    ["ocf-zip-unreadable-image-with-epub-extension-fatal.epub", "corrupt"],
    ["ocf-container-not-ocf-error.epub", "corrupt"],
    ["ocf-zip-unreadable-empty-fatal.epub", "empty"],
  ])("reports the broken %s as %s", async (name, kind) => {
    expect((await loadError(`${CORPUS}/epub/broken/${name}`)).kind).toBe(kind);
  });

  it("still reads a book whose only defect is a missing mimetype entry", async () => {
    const book = await loadBook(`${CORPUS}/epub/broken/ocf-mimetype-file-missing-error.epub`, TEST_LIMITS);
    expect(book.sections.map((section) => section.text).join("\n")).toContain("Call me Ishmael.");
  });

  it("reports an image-only manga as no_text", async () => {
    expect((await loadError(`${CORPUS}/epub/idpf_haruko-html-jpeg.epub`)).kind).toBe("no_text");
  });
});
