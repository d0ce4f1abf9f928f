// Book loaders: format detection, in-process and isolated parsing, and the error contract.
export { detectBookFormat } from "./detect-format.js";
export { loadBookIsolated } from "./isolated/load-book-isolated.js";
export { type BookLoadLimits, bookLoadLimitsFromConfig } from "./limits.js";
export { loadBook } from "./load-book.js";
export type { OcrPlan } from "./ocr/ocr-settings.js";
export { markdownToChapters } from "./text/markdown-chapters.js";
export {
  type BookErrorKind,
  type BookFormat,
  BookLoadError,
  type BookSection,
  isPermanentBookError,
  type ParsedBook,
} from "./types.js";
