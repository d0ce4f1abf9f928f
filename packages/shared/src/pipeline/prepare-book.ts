// One book from file to embedded chunks: parse in an isolated child process, chunk,
// embed in batches. The result is what a generation builder (or a worker's child job) needs.
import { type ChunkingOptions, chunkBook } from "../chunking/index.js";
import type { Chunk } from "../chunking/types.js";
import type { Embedder } from "../embeddings/types.js";
import type { NewBook } from "../index/generation/generation-builder.js";
import { type BookPostings, bookPostings } from "../index/keyword/book-postings.js";
import { loadBookIsolated } from "../loaders/index.js";
import type { BookLoadLimits } from "../loaders/limits.js";
import type { OcrBookReport, OcrEventListener } from "../loaders/ocr/ocr-report.js";
import type { OcrPlan } from "../loaders/ocr/ocr-settings.js";
import { BookLoadError } from "../loaders/types.js";
import type { LibraryFile } from "./scan-library.js";

export interface PreparedBook {
  record: NewBook;
  chunks: Chunk[];
  vectors: Float32Array[];
  /**
   * The book's keyword postings, computed here so the publish step only merges them: book jobs
   * run in parallel across workers, the publish runs alone. Absent in books staged before this
   * existed; the publish computes those.
   */
  postings?: BookPostings;
}

export interface PrepareBookDeps {
  embedder: Embedder;
  chunking: ChunkingOptions;
  limits: BookLoadLimits;
  ocr: OcrPlan;
  signal?: AbortSignal;
  /** Each OCR step of the parse (pages planned, each page done), for progress and metrics. */
  onOcrEvent?: OcrEventListener;
  /** Called after each embedded batch with the number of chunks done so far. */
  onEmbedded?: (done: number, total: number) => void;
}

const EMBED_BATCH = 256;

/** The book's OCR summary as the manifest keeps it (the cache counter only matters to this run). */
const ocrFactsOf = ({ cachedPages: _run, ...facts }: OcrBookReport) => facts;

export async function prepareBook(book: LibraryFile, deps: PrepareBookDeps): Promise<PreparedBook> {
  // The signal also stops the parse child, so a cancelled job does not wait for a slow parse.
  const parsed = await loadBookIsolated(book.absPath, deps.limits, {
    ocr: deps.ocr,
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.onOcrEvent ? { onOcrEvent: deps.onOcrEvent } : {}),
  });
  const chunks = await chunkBook(parsed, { bookId: book.bookId, file: book.file }, deps.chunking);
  if (chunks.length === 0) throw new BookLoadError("empty", book.file, "после разбора не осталось текста для индекса");
  const vectors: Float32Array[] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    deps.signal?.throwIfAborted();
    const batch = chunks.slice(start, start + EMBED_BATCH).map((chunk) => chunk.text);
    vectors.push(...(await deps.embedder.embedDocuments(batch)));
    deps.onEmbedded?.(vectors.length, chunks.length);
  }
  const record: NewBook = {
    bookId: book.bookId,
    file: book.file,
    title: parsed.title,
    ...(parsed.author ? { author: parsed.author } : {}),
    format: parsed.format,
    ...(parsed.pageCount !== undefined ? { pages: parsed.pageCount } : {}),
    ...(parsed.ocr ? { ocr: ocrFactsOf(parsed.ocr) } : {}),
  };
  return { record, chunks, vectors, postings: bookPostings(record.title, chunks) };
}
