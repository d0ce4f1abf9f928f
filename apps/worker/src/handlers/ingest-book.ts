// The child job of a run, as a BullMQ adapter: one book from file to staged chunks and vectors
// (prepareBook), with progress, retries and hand-back. Books already in the
// live generation (same content, embedder and chunking; the generation verified) are reported
// "unchanged" and cost nothing; books already staged by an earlier attempt or run are not embedded
// again. A job of a full run (`--full`) skips both and embeds past the embedding cache.
import { hostname } from "node:os";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  type BookOutcome,
  type IngestSettings,
  indexedBookOutcome,
  prepareBook,
  unchangedBookOutcome,
} from "@ai-library/shared/pipeline";
import type { BookJobResult, BookProgress, IngestBookPayload } from "@ai-library/shared/queue";
import { UnrecoverableError } from "bullmq";
import type { WorkerMetrics } from "../metrics/worker-metrics.js";
import type { StagingArea } from "../staging/staging-area.js";
import { assertContentUnchanged } from "./book-content.js";
import { toBookJobError } from "./book-errors.js";
import { ensureEmbedderDims } from "./embedder-dims.js";
import { handBackIfCancelled } from "./hand-back.js";
import type { Handler } from "./job-handlers.js";
import { createJobProgressReporter } from "./progress-reporter.js";
import { createVerifyLiveForReuse } from "./verify-live-for-reuse.js";

export interface IngestBookDeps {
  settings: IngestSettings;
  embedder: Embedder;
  store: IndexStore;
  staging: StagingArea;
  logger: Logger;
  workerId?: string;
  metrics?: WorkerMetrics;
}

/** Title, chunks and pages of a book's report line, for the job result. */
const facts = (outcome: BookOutcome) => ({
  ...(outcome.title !== undefined ? { title: outcome.title } : {}),
  chunks: outcome.chunks ?? 0,
  ...(outcome.pages !== undefined ? { pages: outcome.pages } : {}),
});

export function createIngestBookHandler(deps: IngestBookDeps): Handler<IngestBookPayload> {
  const worker = deps.workerId ?? `${hostname()}:${process.pid}`;
  const verifyLiveForReuse = createVerifyLiveForReuse(deps.store, deps.logger);

  return async (book, job, token, signal): Promise<BookJobResult> => {
    const started = Date.now();
    const result = (status: BookJobResult["status"], fields: Partial<BookJobResult>): BookJobResult => ({
      bookId: book.bookId,
      file: book.file,
      status,
      chunks: 0,
      embeddedChunks: 0,
      worker,
      durationMs: Date.now() - started,
      ...fields,
    });

    await ensureEmbedderDims(deps.embedder);
    if (!book.full) {
      const needs = { embedder: deps.embedder.identity, chunking: deps.settings.chunking };
      const live = (await verifyLiveForReuse(needs))?.books.find((entry) => entry.bookId === book.bookId);
      if (live) return result("unchanged", facts(unchangedBookOutcome(book, live)));
      const staged = deps.staging.has(book.bookId) ? deps.staging.read(book.bookId) : undefined;
      if (staged) return result("staged", facts(indexedBookOutcome(book, staged)));
    }
    await assertContentUnchanged(book);

    const progress = createJobProgressReporter<BookProgress>(job, deps.logger);
    progress.report({ file: book.file, phase: "parsing", chunksDone: 0, chunksTotal: 0 });
    try {
      const prepared = await prepareBook(book, {
        embedder: book.full ? (deps.embedder.refreshing ?? deps.embedder) : deps.embedder,
        chunking: deps.settings.chunking,
        limits: deps.settings.limits,
        ocr: deps.settings.ocr,
        ...(signal ? { signal } : {}),
        onEmbedded: (done, total) =>
          progress.report({ file: book.file, phase: "embedding", chunksDone: done, chunksTotal: total }),
        onOcrEvent: (event) => {
          if (event.type !== "ocr-page") return;
          const result = !event.ok ? "failed" : event.cached ? "cached" : "recognised";
          deps.metrics?.ocrPage({ result, seconds: event.seconds });
          const counts = { chunksDone: 0, chunksTotal: 0, ocrDone: event.done, ocrTotal: event.total };
          progress.report({ file: book.file, phase: "ocr", ...counts });
        },
      });
      deps.staging.write(prepared);
      const outcome = indexedBookOutcome(book, prepared);
      const chunks = prepared.chunks.length;
      const pages = outcome.pages;
      progress.report({
        file: book.file,
        phase: "done",
        chunksDone: chunks,
        chunksTotal: chunks,
        ...(pages !== undefined ? { pages } : {}),
      });
      deps.logger.info(`Подготовлена книга ${book.file}: фрагментов ${chunks}`, {
        runId: book.runId,
        bookId: book.bookId,
      });
      return result("staged", { ...facts(outcome), embeddedChunks: chunks });
    } catch (error) {
      await handBackIfCancelled(job, token, signal, deps.logger);
      const jobError = toBookJobError(error);
      const attempt = `${job.attemptsMade + 1}/${job.opts.attempts ?? 1}`;
      deps.logger.warn(`Задание книги не выполнено (попытка ${attempt}): ${jobError.message}`, {
        runId: book.runId,
        retry: !(jobError instanceof UnrecoverableError),
      });
      throw jobError;
    } finally {
      await progress.flush();
    }
  };
}
