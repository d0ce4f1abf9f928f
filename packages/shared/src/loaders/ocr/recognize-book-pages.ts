// The OCR step a loader calls with the pages that need it: announces how many there are,
// recognises them (recognizePages) and reports each page as it finishes, then hands back the
// cleaned text per page and the book's OCR report.
import { cleanText } from "../clean-text.js";
import { openOcrCache } from "./ocr-cache.js";
import type { OcrBookReport, OcrEventListener } from "./ocr-report.js";
import type { OcrSettings } from "./ocr-settings.js";
import { type RecognizePagesRequest, recognizePages } from "./recognize-pages.js";

export interface BookPagesOcr {
  /** Cleaned text of each recognised page (empty pages left out). */
  texts: Map<number, string>;
  report: Omit<OcrBookReport, "textPages">;
}

export async function recognizeBookPages(
  pages: readonly number[],
  render: RecognizePagesRequest["render"],
  settings: OcrSettings,
  onEvent?: OcrEventListener,
): Promise<BookPagesOcr> {
  onEvent?.({
    type: "ocr-planned",
    pages: pages.length,
    concurrency: settings.concurrency,
    pageTimeoutMs: settings.pageTimeoutMs,
  });
  let done = 0;
  const results = await recognizePages({
    pages,
    render,
    settings,
    cache: openOcrCache(settings),
    onPage: (result) => {
      done += 1;
      onEvent?.({
        type: "ocr-page",
        page: result.page,
        done,
        total: pages.length,
        ok: result.ok,
        cached: result.ok && result.cached,
        seconds: result.seconds,
      });
    },
  });
  const texts = new Map<number, string>();
  const report: BookPagesOcr["report"] = { ocrPages: 0, cachedPages: 0, failedPages: [] };
  for (const page of pages) {
    const result = results.get(page);
    if (!result) continue;
    if (!result.ok) {
      report.failedPages.push({ page, reason: result.reason });
      continue;
    }
    report.ocrPages += 1;
    if (result.cached) report.cachedPages += 1;
    const text = cleanText(result.text);
    if (text) texts.set(page, text);
  }
  return { texts, report };
}
