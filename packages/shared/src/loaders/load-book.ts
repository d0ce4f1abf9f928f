// Parses one book in this process: picks the loader by format and turns every failure into a
// BookLoadError. Use loadBookIsolated for files you do not trust (all user files).
import { stat } from "node:fs/promises";
import { detectBookFormat, hasExpectedMagic } from "./detect-format.js";
import type { BookLoadLimits } from "./limits.js";
import type { OcrEventListener } from "./ocr/ocr-report.js";
import type { OcrPlan } from "./ocr/ocr-settings.js";
import { type BookFormat, BookLoadError, type ParsedBook } from "./types.js";

/** Only the limits that apply inside the parser (timeout and memory need a child process). */
export type InProcessLimits = Pick<BookLoadLimits, "maxUncompressedBytes" | "maxPages">;

/** OCR of scanned pages (PDF, DjVu): the plan, and a listener for its progress. */
export interface PageOcrOptions {
  ocr?: OcrPlan | undefined;
  onOcrEvent?: OcrEventListener | undefined;
}

// Loaders are imported on demand: every isolated parse starts a fresh process, and loading
// pdf.js there costs about a second that an EPUB or FB2 parse should not pay.
async function parseByFormat(
  path: string,
  format: BookFormat,
  limits: InProcessLimits,
  ocr: PageOcrOptions,
): Promise<ParsedBook> {
  switch (format) {
    case "pdf":
      return (await import("./pdf/load-pdf-book.js")).loadPdfBook(path, { maxPages: limits.maxPages, ...ocr });
    case "djvu":
      return (await import("./djvu/load-djvu-book.js")).loadDjvuBook(path, { maxPages: limits.maxPages, ...ocr });
    case "epub":
      return (await import("./epub/load-epub-book.js")).loadEpubBook(path, limits);
    case "fb2":
      return (await import("./fb2/load-fb2-book.js")).loadFb2Book(path, limits);
    case "txt":
      return (await import("./text/load-text-book.js")).loadTextBook(path, limits);
    case "md":
      return (await import("./text/load-markdown-book.js")).loadMarkdownBook(path, limits);
  }
}

/** Reads and parses `absPath`. Throws BookLoadError; a missing or unreadable file throws the fs error. */
export async function loadBook(
  absPath: string,
  limits: InProcessLimits,
  ocr: PageOcrOptions = {},
): Promise<ParsedBook> {
  const format = detectBookFormat(absPath);
  if (!format) throw new BookLoadError("unsupported", absPath, "неизвестное расширение файла");
  const { size } = await stat(absPath);
  if (size === 0) throw new BookLoadError("empty", absPath, "размер файла 0 байт");
  if (!(await hasExpectedMagic(absPath, format))) {
    throw new BookLoadError("corrupt", absPath, `содержимое — не ${format.toUpperCase()}, хотя так говорит имя файла`);
  }
  try {
    return await parseByFormat(absPath, format, limits, ocr);
  } catch (error) {
    if (error instanceof BookLoadError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new BookLoadError("corrupt", absPath, `разборщик ${format.toUpperCase()} завершился ошибкой (${reason})`);
  }
}
