// Safety limits for parsing one book, and how they follow from the configuration.
import type { AppConfig } from "../config/index.js";

export interface BookLoadLimits {
  /** Wall-clock limit for an isolated parse, the child's start-up (about a second) included; the child is killed when it passes. */
  timeoutMs: number;
  /** V8 heap limit of the parsing child (--max-old-space-size); buffers outside the heap are capped by the size limits. */
  memoryMb: number;
  /** Cap on the unpacked size of a zip-based book (EPUB, FB2.ZIP) and on the size of any book file. */
  maxUncompressedBytes: number;
  /** PDFs with more pages are refused as too_large. */
  maxPages?: number;
}

const MB = 1024 * 1024;

/** A page cap high enough for any real book but low enough that a 10^6-page hostile PDF is refused. */
export const DEFAULT_MAX_PAGES = 20_000;

export function bookLoadLimitsFromConfig(
  config: Pick<AppConfig, "PARSE_TIMEOUT_SECONDS" | "PARSE_MEMORY_MB" | "EPUB_MAX_UNCOMPRESSED_MB">,
): BookLoadLimits {
  return {
    timeoutMs: config.PARSE_TIMEOUT_SECONDS * 1000,
    memoryMb: config.PARSE_MEMORY_MB,
    maxUncompressedBytes: config.EPUB_MAX_UNCOMPRESSED_MB * MB,
    maxPages: DEFAULT_MAX_PAGES,
  };
}
