// The whole ingest in one process (`ingest --inline`): scan the folder, reuse unchanged
// books from the live generation, parse + embed the rest, publish a new generation
// atomically. A failing book is reported and skipped; it never stops the others. `full`
// (`--full`) is the rebuild from scratch: nothing reused, nothing taken from the embedding cache.
import type { Logger } from "../logging/index.js";
import { CHUNKER_VERSION } from "../chunking/index.js";
import type { Embedder } from "../embeddings/types.js";
import { IndexWriteError } from "../index/errors.js";
import type { GenerationBuilder } from "../index/generation-builder.js";
import type { IndexStore } from "../index/index-store.js";
import type { LoadedGeneration } from "../index/loaded-generation.js";
import { BookLoadError } from "../loaders/types.js";
import type { IngestSettings } from "./ingest-settings.js";
import { prepareBook } from "./prepare-book.js";
import { openReusableGeneration } from "./reusable-generation.js";
import { type LibraryFile, scanLibrary } from "./scan-library.js";
import type { BookOutcome, IngestProgress, IngestReport } from "./types.js";

export interface IngestDeps {
  settings: IngestSettings;
  logger: Logger;
  embedder: Embedder;
  store: IndexStore;
}

export interface IngestOptions {
  folder: string;
  /** Re-parse and re-embed every book: no reuse of the live generation, the embedding cache not consulted. */
  full?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export class NothingToPublishError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NothingToPublishError";
  }
}

/**
 * Why a run publishes nothing. The report that prints it adds that the live index is
 * unchanged, so the reason does not say it again.
 */
export function nothingToPublish(folder: string, booksFound: number): NothingToPublishError {
  return new NothingToPublishError(
    booksFound === 0
      ? `в ${folder} нет книг поддерживаемых форматов (PDF, EPUB, FB2, TXT, MD), публиковать нечего`
      : "ни одну книгу не удалось проиндексировать, публиковать нечего",
  );
}

/** The live generation, if it can serve as a source of reusable chunks and vectors. */
async function openReusable(deps: IngestDeps): Promise<LoadedGeneration | undefined> {
  const { generation, reason } = await openReusableGeneration(deps.store, {
    embedder: deps.embedder.identity,
    chunking: deps.settings.chunking,
  });
  if (reason) deps.logger.warn(`Every book will be re-embedded: ${reason}`);
  return generation;
}

function failedOutcome(error: unknown, file: string): BookOutcome {
  if (error instanceof BookLoadError) {
    return { file, status: "failed", errorKind: error.kind, reason: error.message };
  }
  return { file, status: "failed", errorKind: "corrupt", reason: `${file}: ${(error as Error).message}` };
}

export async function runIngest(deps: IngestDeps, options: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const { logger, settings, store } = deps;
  const scan = await scanLibrary(options.folder);
  const outcomes: BookOutcome[] = scan.rejected.map((error) => failedOutcome(error, error.file));
  const progress: IngestProgress = { booksTotal: scan.files.length, booksDone: 0, chunksEmbedded: 0, pages: 0 };
  const report = (update: Partial<IngestProgress> = {}) => options.onProgress?.(Object.assign(progress, update));
  logger.info(`Ingest started: ${scan.files.length} books in ${options.folder}`, { rejected: scan.rejected.length });

  const seen = new Map<string, string>();
  const unique: LibraryFile[] = [];
  for (const book of scan.files) {
    const first = seen.get(book.bookId);
    if (first)
      outcomes.push({ file: book.file, status: "duplicate", bookId: book.bookId, reason: `same content as ${first}` });
    else {
      seen.set(book.bookId, book.file);
      unique.push(book);
    }
  }

  // A rebuild from scratch takes nothing from the live generation and embeds past the cache.
  const previous = options.full ? undefined : await openReusable(deps);
  const embedder = options.full ? (deps.embedder.refreshing ?? deps.embedder) : deps.embedder;
  if (options.full)
    logger.info("Full rebuild: every book is parsed and embedded again, the embedding cache is not read");
  let embeddedChunks = 0;
  const fill = async (builder: GenerationBuilder) => {
    const queue = [...unique];
    const work = async () => {
      for (let book = queue.shift(); book; book = queue.shift()) {
        options.signal?.throwIfAborted();
        report({ currentFile: book.file });
        const reused = previous?.book(book.bookId);
        if (previous && reused) {
          // Same content as in the live generation: copy chunks and vectors, no parse, no embedding.
          const record = { ...reused, file: book.file };
          builder.addBook(record, previous.chunksOfBook(book.bookId), previous.vectorsOfBook(book.bookId));
          outcomes.push({
            file: book.file,
            status: "unchanged",
            bookId: book.bookId,
            title: reused.title,
            chunks: reused.chunkCount,
          });
        } else {
          try {
            const before = progress.chunksEmbedded;
            const prepared = await prepareBook(book, {
              embedder,
              chunking: settings.chunking,
              limits: settings.limits,
              ...(options.signal ? { signal: options.signal } : {}),
              onEmbedded: (done) => report({ chunksEmbedded: before + done }),
            });
            builder.addBook(prepared.record, prepared.chunks, prepared.vectors);
            embeddedChunks += prepared.chunks.length;
            const pages = prepared.record.pages;
            outcomes.push({
              file: book.file,
              status: "indexed",
              bookId: book.bookId,
              title: prepared.record.title,
              chunks: prepared.chunks.length,
              ...(pages !== undefined ? { pages } : {}),
            });
            report({ pages: progress.pages + (pages ?? 0) });
            logger.info(`Indexed ${book.file}: ${prepared.chunks.length} chunks`, { bookId: book.bookId });
          } catch (error) {
            // A full disk is not the book's fault: fail the publish instead of dropping the book.
            if (options.signal?.aborted || error instanceof IndexWriteError) throw error;
            const outcome = failedOutcome(error, book.file);
            outcomes.push(outcome);
            logger.warn(`Book not indexed: ${outcome.reason}`, { errorKind: outcome.errorKind });
          }
        }
        report({ booksDone: progress.booksDone + 1, currentFile: undefined });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, work));
    const usable = outcomes.filter((outcome) => outcome.status === "indexed" || outcome.status === "unchanged");
    if (usable.length === 0) throw nothingToPublish(options.folder, scan.files.length);
  };

  const base = { outcomes, embeddedChunks: 0, chunkCount: 0, ...(options.full ? { full: true } : {}) };
  try {
    const manifest = await store.publish(
      {
        embedder: deps.embedder.identity,
        chunking: { version: CHUNKER_VERSION, ...settings.chunking },
        indexFactory: settings.indexFactory,
        nprobe: settings.nprobe,
      },
      fill,
    );
    const pruned = store.prune(settings.keepGenerations);
    logger.info(
      `Published index generation ${manifest.id}: ${manifest.books.length} books, ${manifest.chunkCount} chunks`,
      {
        previous: manifest.previousId,
        pruned,
      },
    );
    return {
      ...base,
      published: true,
      generationId: manifest.id,
      ...(manifest.previousId ? { previousId: manifest.previousId } : {}),
      chunkCount: manifest.chunkCount,
      embeddedChunks,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    if (!(error instanceof NothingToPublishError)) throw error;
    logger.error(error.message);
    return { ...base, published: false, failure: error.message, durationMs: Date.now() - started };
  } finally {
    previous?.close();
  }
}
