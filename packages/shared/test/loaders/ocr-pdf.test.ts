// Scanned and partly scanned PDFs through the isolated parser with real Tesseract: pages without
// a usable text layer are recognised and marked, pages with one are never sent to OCR, a broken
// Russian text layer is replaced, a page that fails is reported without failing the book, and
// with OCR off a scan keeps the clear no_text reason.
import { join } from "node:path";
import { characterErrorRate, writeMixedPdf, writeScannedPdf } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { BookLoadError, loadBookIsolated, type ParsedBook } from "../../src/loaders/index.js";
import type { OcrEvent } from "../../src/loaders/ocr/ocr-report.js";
import { ENGLISH_PAGE, OCR_TEST_TIMEOUT, ocrPlanForTests, RUSSIAN_PAGE } from "./ocr-fixtures.js";
import { CORPUS, TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("ocr-pdf");
const textOf = (book: ParsedBook, page: number) =>
  book.sections
    .filter((section) => section.page === page)
    .map((section) => section.text)
    .join("\n");

describe("OCR of PDF pages", () => {
  it(
    "recognises a whole-scan PDF, Russian and English, each page marked as OCR",
    async () => {
      const path = join(dir(), "scan.pdf");
      await writeScannedPdf({ path, title: "Маяк", pages: [RUSSIAN_PAGE, ENGLISH_PAGE], dpi: 300 });
      const events: OcrEvent[] = [];
      const book = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: ocrPlanForTests(join(dir(), "cache-scan")),
        onOcrEvent: (event) => events.push(event),
      });
      expect(book.ocr).toEqual({ textPages: 0, ocrPages: 2, cachedPages: 0, failedPages: [] });
      expect(book.sections.every((section) => section.ocr === true)).toBe(true);
      expect(characterErrorRate(textOf(book, 1), RUSSIAN_PAGE)).toBeLessThanOrEqual(0.02);
      expect(characterErrorRate(textOf(book, 2), ENGLISH_PAGE)).toBeLessThanOrEqual(0.02);
      expect(events[0]).toMatchObject({ type: "ocr-planned", pages: 2 });
      expect(events.filter((event) => event.type === "ocr-page").map((event) => event.done)).toEqual([1, 2]);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    "never OCRs a page with a good text layer in a mixed PDF",
    async () => {
      const path = join(dir(), "mixed.pdf");
      await writeMixedPdf({
        path,
        title: "Смешанная",
        pages: [ENGLISH_PAGE, RUSSIAN_PAGE, "Short caption page: Figure 3, the tower at dusk."],
        scanned: [2],
        dpi: 300,
      });
      const recognised: number[] = [];
      const book = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: ocrPlanForTests(join(dir(), "cache-mixed")),
        onOcrEvent: (event) => event.type === "ocr-page" && recognised.push(event.page),
      });
      expect(recognised).toEqual([2]);
      expect(book.ocr).toMatchObject({ textPages: 2, ocrPages: 1, failedPages: [] });
      expect(book.sections.filter((section) => section.ocr).map((section) => section.page)).toEqual([2]);
      // The text pages come from their text layer, character for character.
      expect(characterErrorRate(textOf(book, 1), ENGLISH_PAGE)).toBe(0);
      expect(characterErrorRate(textOf(book, 2), RUSSIAN_PAGE)).toBeLessThanOrEqual(0.02);
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    "replaces a Russian text layer that decodes to Latin look-alikes (issue12963.pdf)",
    async () => {
      const book = await loadBookIsolated(`${CORPUS}/pdf/issue12963.pdf`, TEST_LIMITS, {
        ocr: ocrPlanForTests(join(dir(), "cache-12963"), { dpi: 200 }),
      });
      expect(book.ocr).toMatchObject({ textPages: 0, ocrPages: 8, failedPages: [] });
      const all = book.sections.map((section) => section.text).join("\n");
      expect(all).toContain("Налоговая декларация");
      expect(all).toMatch(/Форма по КНД 1152017/);
      expect(all).not.toContain("Cl>opMa");
    },
    OCR_TEST_TIMEOUT,
  );

  it(
    "reports a page that runs out of time (book, page, reason) and indexes the rest",
    async () => {
      const path = join(dir(), "slow-page.pdf");
      await writeMixedPdf({ path, title: "Медленная", pages: [ENGLISH_PAGE, RUSSIAN_PAGE], scanned: [2], dpi: 300 });
      const book = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: ocrPlanForTests(join(dir(), "cache-slow"), { pageTimeoutMs: 30 }),
      });
      expect(book.ocr?.textPages).toBe(1);
      expect(book.ocr?.ocrPages).toBe(0);
      expect(book.ocr?.failedPages).toEqual([{ page: 2, reason: expect.stringMatching(/OCR_PAGE_TIMEOUT_SECONDS/) }]);
      expect(book.sections.map((section) => section.page)).toEqual([1]);
    },
    OCR_TEST_TIMEOUT,
  );

  it("keeps the clear no_text reason when OCR is off", async () => {
    const path = join(dir(), "scan-off.pdf");
    await writeScannedPdf({ path, title: "Без OCR", pages: [ENGLISH_PAGE], dpi: 150 });
    const error = await loadBookIsolated(path, TEST_LIMITS, {
      ocr: { enabled: false, reason: "OCR выключен (OCR_ENABLED=false)" },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BookLoadError);
    expect((error as BookLoadError).kind).toBe("no_text");
    expect((error as BookLoadError).message).toContain("OCR выключен (OCR_ENABLED=false)");
  });
});
