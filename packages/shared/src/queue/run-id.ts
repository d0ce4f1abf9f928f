// Job ids derived from content: the same books with the same settings give the same run id,
// so a second trigger of an identical ingest finds the first instead of doing the work again.
import { createHash } from "node:crypto";
import { CHUNKER_VERSION } from "../chunking/chunk-book.js";
import type { AppConfig } from "../config/schema.js";
import type { SkippedBook } from "./payloads.js";

export interface RunContent {
  /** Absolute books folder. */
  folder: string;
  books: { file: string; bookId: string }[];
  skipped: SkippedBook[];
  settings: RunSettings;
}

/** Everything in the configuration that changes what an ingest produces. */
export type RunSettings = Record<string, string | number>;

export function runSettingsFromConfig(config: AppConfig): RunSettings {
  return {
    embeddingsProvider: config.EMBEDDINGS_PROVIDER,
    embeddingModel: config.EMBEDDINGS_PROVIDER === "openai" ? config.OPENAI_EMBEDDING_MODEL : "local",
    localDims: config.LOCAL_EMBEDDING_DIMS,
    chunker: CHUNKER_VERSION,
    chunkSize: config.CHUNK_SIZE,
    chunkOverlap: config.CHUNK_OVERLAP,
    indexFactory: config.INDEX_FACTORY,
    nprobe: config.INDEX_NPROBE,
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * `run-<20 hex>` from the folder, every book's name and content hash, the skipped files and the
 * settings. `nonce` (from `ingest --force`) makes a fresh id for a deliberate re-run.
 */
export function deriveRunId(content: RunContent, nonce?: string): string {
  const canonical = JSON.stringify({
    folder: content.folder,
    books: [...content.books].map((book) => [book.file, book.bookId]).sort(),
    skipped: content.skipped.map((book) => [book.file, book.status, book.reason]).sort(),
    settings: Object.entries(content.settings).sort(([a], [b]) => a.localeCompare(b)),
    ...(nonce ? { nonce } : {}),
  });
  return `run-${sha256(canonical).slice(0, 20)}`;
}

/** BullMQ ids may not contain ":"; the id also names the book's content for anyone reading Redis. */
export function bookJobId(runId: string, bookId: string): string {
  return `${runId}-book-${bookId.slice(0, 24)}`;
}
