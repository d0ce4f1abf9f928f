// What every book loader produces, and the typed failures it may report.
import type { OcrBookReport } from "./ocr/ocr-report.js";

/** The formats the loaders read; the queue's payload schema is built from this list. */
export const BOOK_FORMATS = ["pdf", "djvu", "epub", "fb2", "txt", "md"] as const;
export type BookFormat = (typeof BOOK_FORMATS)[number];

/** A stretch of a book's text with where it came from: a PDF or DjVu page or an EPUB/FB2 chapter. */
export interface BookSection {
  text: string;
  /** 1-based page number (PDF and DjVu). */
  page?: number;
  /**
   * The page's label as the reader's viewer shows it (PDF /PageLabels: "xii", "A-3"), only
   * when it differs from the page number.
   */
  pageLabel?: string;
  /** Chapter title: the book's own top-level table-of-contents entry (EPUB, FB2, Markdown heading). */
  chapter?: string;
  /**
   * The innermost table-of-contents entry that holds this text, when it is deeper than the
   * chapter (EPUB nav/NCX anchors, nested FB2 sections, Markdown sub-headings) or, for PDFs,
   * the outline (bookmark) entry the page falls under.
   */
  section?: string;
  /** The page's text was recognised by OCR (it may hold recognition errors). */
  ocr?: true;
}

export interface ParsedBook {
  format: BookFormat;
  title: string;
  author?: string;
  language?: string;
  /** Pages for PDF and DjVu (one section per page, empty pages omitted), chapters otherwise, in reading order. */
  sections: BookSection[];
  /** Total pages of a PDF or DjVu, including empty ones. */
  pageCount?: number;
  /** Where the pages' text came from, when any page needed OCR. */
  ocr?: OcrBookReport;
}

/**
 * Why a book cannot be indexed. The one list: the queue's payload schema and the failure
 * reasons that travel through BullMQ are built from it, so a new kind is known everywhere.
 */
export const BOOK_ERROR_KINDS = [
  "encrypted", // password needed
  "no_text", // scanned or image-only, and OCR is off, missing or found no text
  "corrupt", // unreadable container or syntax
  "unsupported", // a format we do not read
  "empty", // a 0-byte file or no content at all
  "too_large", // over the size caps (zip bomb, huge page count)
  "timeout", // parsing took longer than PARSE_TIMEOUT_SECONDS
  "out_of_memory", // parser exceeded PARSE_MEMORY_MB
  "unsafe_path", // symlink or path outside BOOKS_DIR
  "bad_name", // a hidden (dot) name or one that is not valid UTF-8
] as const;

export type BookErrorKind = (typeof BOOK_ERROR_KINDS)[number];

/** A book that cannot be indexed. `message` says which file, what is wrong and what to do. */
export class BookLoadError extends Error {
  constructor(
    readonly kind: BookErrorKind,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${describeBookError(kind)} (${detail})`);
    this.name = "BookLoadError";
  }
}

const BOOK_ERROR_TEXT: Record<BookErrorKind, string> = {
  encrypted: "файл защищён паролем; снимите пароль и добавьте файл заново",
  no_text: "нет текстового слоя (скан или только изображения), и OCR текста не дал",
  corrupt: "файл повреждён или не является книгой; экспортируйте или скачайте его заново",
  unsupported: "этот формат не поддерживается; используйте PDF, DjVu, EPUB, FB2, FB2.ZIP, TXT или MD",
  empty: "файл пуст или в нём нет читаемого текста",
  too_large: "файл превышает пределы безопасности (размер, число страниц или размер после распаковки)",
  timeout: "разбор шёл слишком долго и был остановлен; проверьте файл или увеличьте PARSE_TIMEOUT_SECONDS",
  out_of_memory: "разбору не хватило разрешённой памяти; увеличьте PARSE_MEMORY_MB или разделите книгу",
  unsafe_path: "путь выходит за пределы каталога книг (символическая ссылка или ..); скопируйте файл в каталог",
  bad_name: "имя файла непригодно (скрытый файл с точкой в начале или имя не в UTF-8); переименуйте файл",
};

function describeBookError(kind: BookErrorKind): string {
  return BOOK_ERROR_TEXT[kind];
}

/** Errors that will not go away on retry (BullMQ marks these unrecoverable). */
export function isPermanentBookError(kind: BookErrorKind): boolean {
  return kind !== "timeout" && kind !== "out_of_memory";
}
