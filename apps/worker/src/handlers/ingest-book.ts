// The child job of a run: one book from file to staged chunks and vectors. Books already in the
// live generation (same content, embedder and chunking) are reported "unchanged" and cost
// nothing; books already staged by an earlier attempt or run are not embedded again.
import { hostname } from "node:os";
import type { Embedder } from "@ai-library/shared/embeddings";
import { type IndexStore, sha256File } from "@ai-library/shared/index";
import { BookLoadError } from "@ai-library/shared/loaders";
import { type IngestSettings, prepareBook, readReusableLiveManifest } from "@ai-library/shared/pipeline";
import {
  type BookJobResult,
  type BookProgress,
  formatBookFailure,
  type IngestBookPayload,
  ingestBookPayloadSchema,
  InvalidJobPayloadError,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "@ai-library/shared/logging";
import type { StagingArea } from "../staging/staging-area.js";
import { toBookJobError } from "./book-errors.js";
import { ensureEmbedderDims } from "./embedder-dims.js";
import { handBackIfCancelled } from "./hand-back.js";
import type { JobHandler } from "./job-handlers.js";
import { createJobProgressReporter } from "./progress-reporter.js";

export interface IngestBookDeps {
  settings: IngestSettings;
  embedder: Embedder;
  store: IndexStore;
  staging: StagingArea;
  logger: Logger;
  workerId?: string;
}

function parsePayload(job: Job): IngestBookPayload {
  const parsed = ingestBookPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(new InvalidJobPayloadError(job.name, job.id, parsed.error.message).message);
  return parsed.data;
}

export function createIngestBookHandler(deps: IngestBookDeps): JobHandler {
  const worker = deps.workerId ?? `${hostname()}:${process.pid}`;
  const needs = { embedder: deps.embedder.identity, chunking: deps.settings.chunking };

  return async (job, token, signal): Promise<BookJobResult> => {
    const book = parsePayload(job);
    const started = Date.now();
    const result = (status: BookJobResult["status"], fields: Partial<BookJobResult>): BookJobResult => ({
      bookId: book.bookId, file: book.file, status, chunks: 0, embeddedChunks: 0, worker, durationMs: Date.now() - started, ...fields,
    });

    await ensureEmbedderDims(deps.embedder);
    const live = readReusableLiveManifest(deps.store, needs)?.books.find((entry) => entry.bookId === book.bookId);
    if (live) return result("unchanged", { title: live.title, chunks: live.chunkCount, ...(live.pages !== undefined ? { pages: live.pages } : {}) });
    const staged = deps.staging.has(book.bookId) ? deps.staging.read(book.bookId) : undefined;
    if (staged) {
      const pages = staged.record.pages;
      return result("staged", { title: staged.record.title, chunks: staged.chunks.length, ...(pages !== undefined ? { pages } : {}) });
    }

    // The id says which content to index; a file edited since the run was queued is another book.
    let currentHash: string;
    try {
      currentHash = await sha256File(book.absPath);
    } catch (error) {
      const unreadable = new BookLoadError("corrupt", book.file, `cannot read the file: ${(error as Error).message}`);
      throw new UnrecoverableError(formatBookFailure(unreadable.kind, unreadable.message));
    }
    if (currentHash !== book.bookId) {
      throw new UnrecoverableError(`${book.file}: the file changed after the ingest was queued; run the ingest again to index the new content`);
    }

    const progress = createJobProgressReporter<BookProgress>(job, deps.logger);
    progress.report({ file: book.file, phase: "parsing", chunksDone: 0, chunksTotal: 0 });
    try {
      const prepared = await prepareBook(book, {
        embedder: deps.embedder,
        chunking: deps.settings.chunking,
        limits: deps.settings.limits,
        ...(signal ? { signal } : {}),
        onEmbedded: (done, total) => progress.report({ file: book.file, phase: "embedding", chunksDone: done, chunksTotal: total }),
      });
      deps.staging.write(prepared);
      const pages = prepared.record.pages;
      progress.report({ file: book.file, phase: "done", chunksDone: prepared.chunks.length, chunksTotal: prepared.chunks.length, ...(pages !== undefined ? { pages } : {}) });
      await progress.flush();
      deps.logger.info(`Prepared ${book.file}: ${prepared.chunks.length} chunks`, { runId: book.runId, bookId: book.bookId });
      return result("staged", { title: prepared.record.title, chunks: prepared.chunks.length, embeddedChunks: prepared.chunks.length, ...(pages !== undefined ? { pages } : {}) });
    } catch (error) {
      await progress.flush();
      await handBackIfCancelled(job, token, signal);
      const jobError = toBookJobError(error);
      deps.logger.warn(`Book job failed (attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}): ${jobError.message}`, {
        runId: book.runId,
        retry: !(jobError instanceof UnrecoverableError),
      });
      throw jobError;
    }
  };
}
