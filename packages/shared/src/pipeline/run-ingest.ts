// The whole ingest in one process (`ingest --inline`): the same steps as the queued ingest
// (planIngest → prepareOrReuseBook per book → assembleGeneration → publishRun), with the books
// parsed and embedded here instead of in book jobs. A failing book is reported and skipped; it
// never stops the others. `full` (`--full`) is the rebuild from scratch: nothing reused, nothing
// taken from the embedding cache.
import type { Embedder } from "../embeddings/types.js";
import { IndexWriteError } from "../index/generation/errors.js";
import type { GenerationData } from "../index/generation/generation-data.js";
import type { IndexStore } from "../index/generation/index-store.js";
import type { Logger } from "../logging/index.js";
import { assembleGeneration } from "./assemble-generation.js";
import { failedBookOutcome } from "./book-outcomes.js";
import type { IngestSettings } from "./ingest-settings.js";
import { planIngest } from "./plan-ingest.js";
import { prepareBook } from "./prepare-book.js";
import { prepareOrReuseBook } from "./prepare-or-reuse-book.js";
import { publishRun } from "./publish-run.js";
import { openReusableGeneration } from "./reusable-generation.js";
import type { LibraryFile } from "./scan-library.js";
import type { BookOutcome, IngestProgress, IngestReport } from "./types.js";

export interface IngestDeps {
  settings: IngestSettings;
  logger: Logger;
  embedder: Embedder;
  store: IndexStore;
  /** Multi-host deployments: the generations other hosts serve, kept by retention (publish-run.ts). */
  servedByHosts?: () => Promise<readonly string[]>;
}

export interface IngestOptions {
  folder: string;
  /** Re-parse and re-embed every book: no reuse of the live generation, the embedding cache not consulted. */
  full?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

/** The live generation, if it can serve as a source of reusable chunks and vectors. */
async function openReusable(deps: IngestDeps): Promise<GenerationData | undefined> {
  const { generation, reason } = await openReusableGeneration(deps.store, {
    embedder: deps.embedder.identity,
    chunking: deps.settings.chunking,
  });
  if (reason) deps.logger.warn(`Все книги будут векторизованы заново: ${reason}`);
  return generation;
}

export async function runIngest(deps: IngestDeps, options: IngestOptions): Promise<IngestReport> {
  const started = Date.now();
  const { logger, settings, store } = deps;
  const plan = await planIngest(options.folder);
  const progress: IngestProgress = { booksTotal: plan.booksFound, booksDone: 0, chunksEmbedded: 0, pages: 0 };
  const report = (update: Partial<IngestProgress> = {}) => options.onProgress?.(Object.assign(progress, update));
  const rejected = plan.skipped.filter((outcome) => outcome.status === "failed").length;
  logger.info(`Индексация начата: книг ${plan.booksFound} в ${options.folder}`, { rejected });

  // A rebuild from scratch takes nothing from the live generation and embeds past the cache.
  const previous = options.full ? undefined : await openReusable(deps);
  const embedder = options.full ? (deps.embedder.refreshing ?? deps.embedder) : deps.embedder;
  if (options.full)
    logger.info("Полная пересборка: каждая книга разбирается и векторизуется заново, кэш векторов не читается");

  const parseAndEmbed = async (book: LibraryFile) => {
    try {
      const before = progress.chunksEmbedded;
      const prepared = await prepareBook(book, {
        embedder,
        chunking: settings.chunking,
        limits: settings.limits,
        ocr: settings.ocr,
        ...(options.signal ? { signal: options.signal } : {}),
        onEmbedded: (done) => report({ chunksEmbedded: before + done }),
        onOcrEvent: (event) => {
          if (event.type === "ocr-page") report({ ocr: { file: book.file, done: event.done, total: event.total } });
        },
      });
      logger.info(`Проиндексирована книга ${book.file}: фрагментов ${prepared.chunks.length}`, {
        bookId: book.bookId,
        ...(prepared.record.ocr ? { ocr: prepared.record.ocr } : {}),
      });
      return prepared;
    } catch (error) {
      // A full disk is not the book's fault: fail the publish instead of dropping the book.
      if (options.signal?.aborted || error instanceof IndexWriteError) throw error;
      const outcome = failedBookOutcome(error, book);
      logger.warn(`Книга не проиндексирована: ${outcome.reason}`, { errorKind: outcome.errorKind });
      return outcome;
    }
  };

  try {
    return await publishRun(
      {
        store,
        embedder: deps.embedder.identity,
        settings,
        logger,
        ...(deps.servedByHosts ? { servedByHosts: deps.servedByHosts } : {}),
      },
      {
        folder: options.folder,
        booksFound: plan.booksFound,
        label: "Индексация",
        startedAt: started,
        ...(previous ? { base: previous } : {}),
        ...(options.full ? { full: true } : {}),
        embeddedChunks: (outcomes) => sumChunks(outcomes.filter((outcome) => outcome.status === "indexed")),
        assemble: (builder) =>
          assembleGeneration({
            books: plan.books,
            skipped: plan.skipped,
            concurrency: settings.concurrency,
            ...(options.signal ? { signal: options.signal } : {}),
            addBook: (book) => {
              report({ currentFile: book.file });
              return prepareOrReuseBook(builder, book, { previous, prepare: () => parseAndEmbed(book) });
            },
            onBookDone: (_done, _total, outcome) =>
              report({
                booksDone: progress.booksDone + 1,
                pages: progress.pages + (outcome.pages ?? 0),
                currentFile: undefined,
                ocr: undefined,
              }),
          }),
      },
    );
  } finally {
    previous?.close();
  }
}

const sumChunks = (outcomes: BookOutcome[]) => outcomes.reduce((sum, outcome) => sum + (outcome.chunks ?? 0), 0);
