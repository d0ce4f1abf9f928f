// DjVu books through the isolated parser: bundled multi-page files from c44 (greyscale) and cjb2
// (bilevel) pages, hidden text used where a page has it, the other pages rendered with ddjvu and
// recognised, title and author from the metadata, pages cited by number.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { characterErrorRate, writeScannedDjvu } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { detectBookFormat } from "../../src/loaders/detect-format.js";
import { BookLoadError, loadBookIsolated, type ParsedBook } from "../../src/loaders/index.js";
import type { OcrEvent } from "../../src/loaders/ocr/ocr-report.js";
import { ENGLISH_PAGE, HONEY_PAGE, OCR_TEST_TIMEOUT, ocrPlanForTests, RUSSIAN_PAGE } from "./ocr-fixtures.js";
import { TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("ocr-djvu");
const textOf = (book: ParsedBook, page: number) => book.sections.find((section) => section.page === page)?.text ?? "";

describe("DjVu books", () => {
  it("is the format of .djvu and .djv files", () => {
    expect(detectBookFormat("книги/Маяк.djvu")).toBe("djvu");
    expect(detectBookFormat("BOOK.DJV")).toBe("djvu");
  });

  it(
    "reads hidden text where a page has it and recognises the other pages (c44, bundled)",
    async () => {
      const path = join(dir(), "lighthouse.djvu");
      await writeScannedDjvu({
        path,
        title: "Маяк и птицы",
        author: "Смотритель",
        pages: [HONEY_PAGE, RUSSIAN_PAGE, ENGLISH_PAGE],
        dpi: 300,
        encoder: "c44",
        hiddenTextPages: [1],
      });
      const recognised: number[] = [];
      const book = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: ocrPlanForTests(join(dir(), "cache-c44")),
        onOcrEvent: (event: OcrEvent) => event.type === "ocr-page" && recognised.push(event.page),
      });
      expect(book).toMatchObject({ format: "djvu", title: "Маяк и птицы", author: "Смотритель", pageCount: 3 });
      expect(recognised.sort()).toEqual([2, 3]);
      expect(book.ocr).toMatchObject({ textPages: 1, ocrPages: 2, failedPages: [] });
      expect(textOf(book, 1)).toBe(HONEY_PAGE);
      expect(book.sections.map((section) => [section.page, section.ocr ?? false])).toEqual([
        [1, false],
        [2, true],
        [3, true],
      ]);
      expect(characterErrorRate(textOf(book, 2), RUSSIAN_PAGE)).toBeLessThanOrEqual(0.02);
      expect(characterErrorRate(textOf(book, 3), ENGLISH_PAGE)).toBeLessThanOrEqual(0.02);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    "recognises bilevel cjb2 pages and takes the title from the file name without metadata",
    async () => {
      const made = join(dir(), "made.djvu");
      await writeScannedDjvu({ path: made, title: "", pages: [ENGLISH_PAGE], dpi: 300, encoder: "cjb2" });
      const path = join(dir(), "Keeper_of_the_light.djv");
      await copyFile(made, path);
      const book = await loadBookIsolated(path, TEST_LIMITS, { ocr: ocrPlanForTests(join(dir(), "cache-cjb2")) });
      expect(book.title).toBe("Keeper of the light");
      expect(book.author).toBeUndefined();
      expect(characterErrorRate(textOf(book, 1), ENGLISH_PAGE)).toBeLessThanOrEqual(0.02);
    },
    OCR_TEST_TIMEOUT,
  );

  it("refuses a .djvu that is not DjVu as corrupt", async () => {
    const path = join(dir(), "fake.djvu");
    await copyFile(join(import.meta.dirname, "temp-dir.ts"), path);
    const error = await loadBookIsolated(path, TEST_LIMITS).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BookLoadError);
    expect((error as BookLoadError).kind).toBe("corrupt");
  });
});
