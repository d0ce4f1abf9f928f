// Book loaders: format detection, in-process and isolated parsing, and the error contract.
export { detectBookFormat } from "./detect-format.js";
export { countLiveParseChildren } from "./isolated/live-children.js";
export { type IsolatedLoadOptions, loadBookIsolated } from "./isolated/load-book-isolated.js";
export { type BookLoadLimits, bookLoadLimitsFromConfig, DEFAULT_MAX_PAGES } from "./limits.js";
export { type InProcessLimits, loadBook } from "./load-book.js";
export { resolveBookPath } from "./safe-book-path.js";
export { type MarkdownChapter, markdownTitle, markdownToChapters } from "./text/markdown-chapters.js";
export {
  type BookErrorKind,
  type BookFormat,
  BookLoadError,
  type BookSection,
  describeBookError,
  isPermanentBookError,
  type ParsedBook,
} from "./types.js";
