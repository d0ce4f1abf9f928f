// Reads a DjVu book (single-page or bundled, .djvu/.djv): each page's hidden text where it has a
// usable one, otherwise the page is rendered and recognised by OCR. Title and author from the
// document's metadata, else from the file name. Pages are cited by number as in PDFs.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { cleanText, countWordCharacters } from "../clean-text.js";
import { DEFAULT_MAX_PAGES } from "../limits.js";
import type { OcrEventListener } from "../ocr/ocr-report.js";
import type { OcrPlan } from "../ocr/ocr-settings.js";
import { ocrWhereNeeded, type PageLayer, whyNoTextAfterOcr } from "../ocr/ocr-where-needed.js";
import { ToolError } from "../ocr/system-tool.js";
import { judgeTextLayer } from "../ocr/text-layer-check.js";
import { isPlausibleAuthor, isPlausibleTitle, titleFromFileName } from "../title-from-file-name.js";
import { BookLoadError, type ParsedBook } from "../types.js";
import { djvuMetadata, djvuPageCount, djvuPageText, renderDjvuPage } from "./djvu-tools.js";

/** Fewer letters and digits than this per page on average means nothing readable (as for PDF). */
const MIN_WORD_CHARS_PER_PAGE = 10;
const PAGE_TEXT_TIMEOUT_MS = 30_000;

export interface DjvuLoadOptions {
  maxPages?: number;
  ocr?: OcrPlan | undefined;
  onOcrEvent?: OcrEventListener | undefined;
}

export async function loadDjvuBook(path: string, options: DjvuLoadOptions = {}): Promise<ParsedBook> {
  const pageCount = await djvuPageCount(path).catch((error: unknown) => {
    throw new BookLoadError("corrupt", path, `djvulibre не может его прочитать (${describe(error)})`);
  });
  if (pageCount === 0) throw new BookLoadError("empty", path, "в документе DjVu нет страниц");
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (pageCount > maxPages) throw new BookLoadError("too_large", path, `${pageCount} стр., предел ${maxPages}`);

  const layers: PageLayer[] = [];
  for (let page = 1; page <= pageCount; page += 1) {
    const text = cleanText(await djvuPageText(path, page, PAGE_TEXT_TIMEOUT_MS));
    // Every DjVu page is an image, so a page without hidden text is always worth recognising.
    const verdict = await judgeTextLayer(text, async () => true);
    layers.push({ page, text, needsOcr: verdict !== "good" });
    await yieldToEventLoop();
  }
  const recognised = await ocrWhereNeeded(layers, {
    plan: options.ocr,
    render: (page, render) => renderDjvuPage(path, page, render),
    onEvent: options.onOcrEvent,
  });
  const wordChars = recognised.pages.reduce((sum, page) => sum + countWordCharacters(page.text), 0);
  if (wordChars < MIN_WORD_CHARS_PER_PAGE * pageCount) {
    const detail = `${pageCount} стр., но лишь ${wordChars} букв скрытого текста`;
    throw new BookLoadError("no_text", path, `${detail}${whyNoTextAfterOcr(recognised)}`);
  }
  const meta = await djvuMetadata(path).catch(() => new Map<string, string>());
  const title = meta.get("title");
  const author = meta.get("author");
  return {
    format: "djvu",
    title: isPlausibleTitle(title) ? title.trim() : titleFromFileName(path),
    ...(isPlausibleAuthor(author) ? { author: author.trim() } : {}),
    sections: recognised.pages.map(({ page, text, ocr }) => ({ page, text, ...(ocr ? { ocr } : {}) })),
    pageCount,
    ...(recognised.report ? { ocr: recognised.report } : {}),
  };
}

const describe = (error: unknown) => (error instanceof ToolError ? error.reason : String(error));
