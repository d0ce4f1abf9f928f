// The parent job of a run. It starts once every book job has finished (or failed for good),
// builds the new generation from the live one and the staged books, publishes it atomically
// and announces it. Runs are serialised (global concurrency 1, plus the index's publish lock).
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import { CHUNKER_VERSION } from "@ai-library/shared/chunking";
import { type IngestSettings, NothingToPublishError, openReusableGeneration } from "@ai-library/shared/pipeline";
import {
  type GenerationNotice,
  type IngestRunPayload,
  ingestRunPayloadSchema,
  InvalidJobPayloadError,
  type RunHistory,
  type RunJobResult,
  type RunPublishProgress,
  type RunRecord,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Logger } from "@ai-library/shared/logging";
import type { StagingArea } from "../staging/staging-area.js";
import { type Assembly, assembleBooks, childOutcomes } from "./assemble-books.js";
import { ensureEmbedderDims } from "./embedder-dims.js";
import { handBackIfCancelled } from "./hand-back.js";
import type { JobHandler } from "./job-handlers.js";
import { createJobProgressReporter } from "./progress-reporter.js";
import { summarizeOutcomes } from "./run-summary.js";

export interface IngestRunDeps {
  settings: IngestSettings;
  embedder: Embedder;
  store: IndexStore;
  staging: StagingArea;
  history: RunHistory;
  announce: (notice: GenerationNotice) => Promise<void>;
  logger: Logger;
}

function parsePayload(job: Job): IngestRunPayload {
  const parsed = ingestRunPayloadSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(new InvalidJobPayloadError(job.name, job.id, parsed.error.message).message);
  return parsed.data;
}

const toResult = (record: RunRecord): RunJobResult => {
  const { folder: _folder, enqueuedAt: _enqueuedAt, booksTotal: _booksTotal, finishedAt: _finishedAt, ...result } = record;
  return result;
};

export function createIngestRunHandler(deps: IngestRunDeps): JobHandler {
  const { logger, store, settings } = deps;

  return async (job, token, signal): Promise<RunJobResult> => {
    const run = parsePayload(job);
    const started = Date.now();
    const earlier = await deps.history.get(run.runId);
    if (earlier?.state === "published" && earlier.generationId && store.list().some((entry) => entry.id === earlier.generationId)) {
      // A previous attempt published and recorded this run, then died before completing the job.
      logger.info(`Run ${run.runId} was already published as ${earlier.generationId}; completing the job`);
      return toResult(earlier);
    }

    await ensureEmbedderDims(deps.embedder);
    const children = childOutcomes(await job.getChildrenValues(), await job.getIgnoredChildrenFailures());
    const embeddedChunks = [...children.results.values()].reduce((sum, result) => sum + result.embeddedChunks, 0);
    const progress = createJobProgressReporter<RunPublishProgress>(job, logger);
    const reusable = await openReusableGeneration(store, { embedder: deps.embedder.identity, chunking: settings.chunking });
    if (reusable.reason) logger.warn(`Run ${run.runId}: ${reusable.reason}; books not staged by this run cannot be reused`);
    const base: RunRecord = { runId: run.runId, folder: run.folder, state: "published", enqueuedAt: run.requestedAt, booksTotal: run.books.length + run.skipped.length, failedBooks: [] };

    let assembly: Assembly = { outcomes: [], stagedBookIds: [] };
    try {
      const manifest = await store.publish(
        { embedder: deps.embedder.identity, chunking: { version: CHUNKER_VERSION, ...settings.chunking }, indexFactory: settings.indexFactory },
        async (builder) => {
          assembly = assembleBooks(builder, {
            run,
            children,
            previous: reusable.generation,
            staging: deps.staging,
            ...(signal ? { signal } : {}),
            onBookAdded: (added, total) => progress.report({ phase: "assembling", booksAdded: added, booksTotal: total }),
          });
          if (!assembly.outcomes.some((outcome) => outcome.status === "indexed" || outcome.status === "unchanged")) {
            throw new NothingToPublishError(
              run.books.length === 0
                ? `No supported books in ${run.folder}: nothing to publish, the live index is unchanged.`
                : "No book could be indexed: nothing to publish, the live index is unchanged.",
            );
          }
          progress.report({ phase: "publishing", booksAdded: run.books.length, booksTotal: run.books.length });
        },
      );
      const pruned = store.prune(settings.keepGenerations);
      for (const bookId of assembly.stagedBookIds) deps.staging.remove(bookId);
      const record: RunRecord = {
        ...base,
        ...summarizeOutcomes(assembly.outcomes),
        generationId: manifest.id,
        ...(manifest.previousId ? { previousId: manifest.previousId } : {}),
        chunkCount: manifest.chunkCount,
        embeddedChunks,
        finishedAt: new Date().toISOString(),
        durationMs: Date.now() - Date.parse(run.requestedAt),
      };
      await deps.history.save(record);
      await deps.announce({ generationId: manifest.id, runId: run.runId, publishedAt: new Date().toISOString() });
      progress.report({ phase: "done", booksAdded: run.books.length, booksTotal: run.books.length });
      await progress.flush();
      logger.info(`Run ${run.runId} published generation ${manifest.id}: ${manifest.books.length} books, ${manifest.chunkCount} chunks`, {
        ...record.counts,
        publishMs: Date.now() - started,
        pruned,
      });
      return toResult(record);
    } catch (error) {
      await progress.flush();
      if (error instanceof NothingToPublishError) {
        const record: RunRecord = { ...base, ...summarizeOutcomes(assembly.outcomes), state: "nothing_published", failure: error.message, embeddedChunks, finishedAt: new Date().toISOString(), durationMs: Date.now() - Date.parse(run.requestedAt) };
        await deps.history.save(record);
        logger.error(`Run ${run.runId}: ${error.message}`);
        return toResult(record);
      }
      await handBackIfCancelled(job, token, signal);
      logger.warn(`Run ${run.runId} could not publish (attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}): ${(error as Error).message}`);
      throw error;
    } finally {
      reusable.generation?.close();
    }
  };
}
