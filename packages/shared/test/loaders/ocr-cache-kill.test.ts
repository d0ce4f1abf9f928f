// The OCR cache under a crash: the parse child (with the tools it runs) is killed with SIGKILL
// in the middle of a scanned book, and the next parse of the same book takes every page that was
// finished before the kill from the cache, recognising only the rest. A third parse recognises
// nothing and gives the same text.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { writeScannedPdf } from "@ai-library/book-fixtures";
import { describe, expect, it } from "vitest";
import { loadBookIsolated } from "../../src/loaders/index.js";
import { countLiveParseChildren } from "../../src/loaders/isolated/live-children.js";
import type { OcrEvent } from "../../src/loaders/ocr/ocr-report.js";
import { ENGLISH_PAGE, HONEY_PAGE, OCR_TEST_TIMEOUT, ocrPlanForTests, RUSSIAN_PAGE } from "./ocr-fixtures.js";
import { TEST_LIMITS, useTempDir } from "./temp-dir.js";

const dir = useTempDir("ocr-kill");
type PageEvent = Extract<OcrEvent, { type: "ocr-page" }>;

describe("OCR cache after kill -9", () => {
  it(
    "never recognises a page finished before the kill again",
    async () => {
      const path = join(dir(), "scan.pdf");
      const pages = [RUSSIAN_PAGE, ENGLISH_PAGE, HONEY_PAGE, ENGLISH_PAGE.toUpperCase(), RUSSIAN_PAGE.slice(0, 200)];
      await writeScannedPdf({ path, title: "Скан", pages, dpi: 200 });
      const cacheDir = join(dir(), "cache");
      const plan = ocrPlanForTests(cacheDir, { concurrency: 1, dpi: 200 });

      const beforeKill: PageEvent[] = [];
      let childPid = 0;
      const killed = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: plan,
        onSpawn: (pid) => {
          childPid = pid;
        },
        onOcrEvent: (event) => {
          if (event.type !== "ocr-page") return;
          beforeKill.push(event);
          // kill -9 of the parse child and its tesseract, two pages into the book.
          if (beforeKill.length === 2) process.kill(-childPid, "SIGKILL");
        },
      }).catch((error: unknown) => error);
      expect(killed).toBeInstanceOf(Error);
      expect(beforeKill.map((event) => [event.ok, event.cached])).toEqual([
        [true, false],
        [true, false],
      ]);
      expect(countLiveParseChildren()).toBe(0);
      // Whole entries only: no temp file of a write the kill cut short is taken for an entry.
      const entries = (await Promise.all((await readdir(cacheDir)).map((sub) => readdir(join(cacheDir, sub))))).flat();
      expect(entries.filter((name) => name.endsWith(".txt")).length).toBeGreaterThanOrEqual(2);

      const retry: PageEvent[] = [];
      const book = await loadBookIsolated(path, TEST_LIMITS, {
        ocr: plan,
        onOcrEvent: (event) => event.type === "ocr-page" && retry.push(event),
      });
      const finished = new Set(beforeKill.map((event) => event.page));
      for (const event of retry) expect(event.cached, `page ${event.page}`).toBe(finished.has(event.page));
      expect(book.ocr).toMatchObject({ ocrPages: 5, cachedPages: 2, failedPages: [] });

      const again = await loadBookIsolated(path, TEST_LIMITS, { ocr: plan });
      expect(again.ocr).toMatchObject({ ocrPages: 5, cachedPages: 5 });
      expect(again.sections).toEqual(book.sections);
    },
    OCR_TEST_TIMEOUT,
  );
});
