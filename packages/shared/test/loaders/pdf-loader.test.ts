// PDF loading: page numbers and text, metadata, and the typed failures (encrypted, scanned, damaged).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeManyPagesPdf, writePdfBook } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { BookLoadError, loadBook } from "../../src/loaders/index.js";
import { CORPUS, flat, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("pdf");

const PAGES = [
  "Глава первая. Мороз и солнце; день чудесный!\n\nЕщё ты дремлешь, друг прелестный.",
  "Страница вторая: English words and числа 12345 together.",
  "",
  "Четвёртая страница после пустой. Съешь же ещё этих мягких французских булок.",
];

async function expectKind(path: string, kind: string) {
  const error = await loadBook(path, TEST_LIMITS).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BookLoadError);
  expect((error as BookLoadError).kind).toBe(kind);
}

describe("loadBook on PDF", () => {
  it("keeps every page's text under its 1-based page number, Cyrillic intact, empty pages omitted", async () => {
    const path = join(dir(), "pushkin.pdf");
    await writePdfBook({ path, title: "Зимнее утро", author: "Александр Пушкин", pages: PAGES });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.format).toBe("pdf");
    expect(book.pageCount).toBe(4);
    expect(book.sections.map((section) => section.page)).toEqual([1, 2, 4]);
    expect(book.sections.map((section) => flat(section.text))).toEqual([PAGES[0], PAGES[1], PAGES[3]].map(flat));
  });

  it("keeps paragraph breaks of a page", async () => {
    const path = join(dir(), "paragraphs.pdf");
    await writePdfBook({ path, title: "Абзацы", pages: [PAGES[0] ?? ""] });
    const [page] = (await loadBook(path, TEST_LIMITS)).sections;
    expect(page?.text).toBe("Глава первая. Мороз и солнце; день чудесный!\n\nЕщё ты дремлешь, друг прелестный.");
  });

  it("takes title and author from the PDF metadata", async () => {
    const path = join(dir(), "file-name-that-is-not-the-title.pdf");
    await writePdfBook({ path, title: "Зимнее утро", author: "Александр Пушкин", pages: PAGES });
    const book = await loadBook(path, TEST_LIMITS);
    expect(book.title).toBe("Зимнее утро");
    expect(book.author).toBe("Александр Пушкин");
  });

  it("falls back to the file name when the metadata title is a placeholder", async () => {
    const path = join(dir(), "Учебник_физики.pdf");
    await writePdfBook({ path, title: "Microsoft Word - draft.docx", pages: PAGES });
    expect((await loadBook(path, TEST_LIMITS)).title).toBe("Учебник физики");
  });

  it("reads a real Russian lecture-notes PDF page by page", async () => {
    const book = await loadBook(`${CORPUS}/pdf/hse-tex_mathematical-analysis.pdf`, TEST_LIMITS);
    expect(book.pageCount).toBe(27);
    // Pages on which outline entries start come as several sections with the same page number.
    expect([...new Set(book.sections.map((section) => section.page))]).toEqual(
      Array.from({ length: 27 }, (_, i) => i + 1),
    );
    const page = (n: number) =>
      book.sections
        .filter((section) => section.page === n)
        .map((section) => section.text)
        .join("\n");
    expect(page(1)).toContain("Математический Анализ");
    // The notes' own table of contents (page 2) puts these headings on pages 3, 21 and 25.
    expect(page(2)).toMatch(/6\.1 Нижняя и верхняя суммы Дарбу[ .]+21/);
    expect(page(3)).toMatch(/^1 Лекция 1\n\n1\.1 Брус\. Мера бруса/);
    expect(page(21)).toContain("6.1 Нижняя и верхняя суммы Дарбу");
    expect(page(25)).toMatch(/^8 Лекция 8/);
    const cyrillic = book.sections.reduce((sum, section) => sum + (section.text.match(/[а-яё]/gi)?.length ?? 0), 0);
    expect(cyrillic).toBeGreaterThan(15_000);
  });

  it("reports a password-protected PDF as encrypted", async () => {
    await expectKind(`${CORPUS}/pdf/issue6010_1.pdf`, "encrypted");
  });

  it("reports a scanned PDF without a text layer as no_text", async () => {
    await expectKind(`${CORPUS}/pdf/scan-bad.pdf`, "no_text");
  });

  it("reports a PDF over the page limit as too_large", async () => {
    const path = join(dir(), "many-pages.pdf");
    await writeManyPagesPdf(path, 500, { lineText: "page" });
    const error = await loadBook(path, { ...TEST_LIMITS, maxPages: 100 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "too_large", file: path });
  });

  it("reports a 0-byte file as empty and a non-PDF with a .pdf name as corrupt", async () => {
    const empty = join(dir(), "empty.pdf");
    await writeFile(empty, "");
    await expectKind(empty, "empty");
    const fake = join(dir(), "fake.pdf");
    await writeFile(fake, "just some text, not a PDF at all");
    await expectKind(fake, "corrupt");
  });

  it("reports a structurally broken PDF as corrupt", async () => {
    await expectKind(`${CORPUS}/pdf/bug1020226.pdf`, "corrupt");
  });
});
