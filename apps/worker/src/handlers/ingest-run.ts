// The parent job of a run, as a BullMQ adapter over the pipeline. It starts once every book job
// has finished (or failed for good); assembleGeneration and publishRun build and publish the new
// generation from the live one and the staged books (a full run: from the staged books alone).
// What is left here is BullMQ's part: the children's results, progress, hand-back on shutdown,
// the run record, metrics and the announcement. Runs are serialised (global concurrency 1, plus
// the index's publish lock).
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import {
  assembleGeneration,
  type IngestReport,
  type IngestSettings,
  openReusableGeneration,
  publishRun,
  type ReusableOpen,
} from "@ai-library/shared/pipeline";
import type {
  GenerationNotice,
  IngestRunPayload,
  RunHistory,
  RunJobResult,
  RunPublishProgress,
} from "@ai-library/shared/queue";
import type { WorkerMetrics } from "../metrics/worker-metrics.js";
import type { StagingArea } from "../staging/staging-area.js";
import { compactAfterRun } from "./compact-after-run.js";
import { ensureEmbedderDims } from "./embedder-dims.js";
import { handBackIfCancelled } from "./hand-back.js";
import type { Handler } from "./job-handlers.js";
import { createJobProgressReporter } from "./progress-reporter.js";
import { addBookOfRun, childOutcomes } from "./run-book-sources.js";
import { recordRunMetrics } from "./run-metrics.js";
import { finishedRunRecord, runJobResult } from "./run-summary.js";

export interface IngestRunDeps {
  settings: IngestSettings;
  embedder: Embedder;
  store: IndexStore;
  staging: StagingArea;
  history: RunHistory;
  announce: (notice: GenerationNotice) => Promise<void>;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** Multi-host deployments: generations other hosts serve, which retention keeps. */
  servedByHosts?: () => Promise<readonly string[]>;
  /** Sees each finished run's per-book report, which the history keeps only as counts. */
  onReport?: (runId: string, report: IngestReport) => void;
}

export function createIngestRunHandler(deps: IngestRunDeps): Handler<IngestRunPayload> {
  const { logger, store, settings } = deps;
  // The notice only speeds bots up (they also poll): failing to send it must not fail the run.
  const announce = (notice: GenerationNotice) =>
    deps
      .announce(notice)
      .catch((error: Error) =>
        logger.warn(`Не удалось оповестить о поколении ${notice.generationId}: ${error.message}`),
      );

  return async (run, job, token, signal): Promise<RunJobResult> => {
    const earlier = await deps.history.get(run.runId);
    if (
      earlier?.state === "published" &&
      earlier.generationId &&
      store.list().some((entry) => entry.id === earlier.generationId)
    ) {
      // An earlier attempt published and recorded this run, then died before completing the job.
      logger.info(`Прогон ${run.runId} уже опубликован как ${earlier.generationId}; задание завершается`);
      await announce({
        generationId: earlier.generationId,
        runId: run.runId,
        publishedAt: earlier.finishedAt ?? new Date().toISOString(),
      });
      return runJobResult(earlier);
    }

    await ensureEmbedderDims(deps.embedder);
    const children = childOutcomes(await job.getChildrenValues(), await job.getIgnoredChildrenFailures());
    const embeddedChunks = [...children.results.values()].reduce((sum, result) => sum + result.embeddedChunks, 0);
    const progress = createJobProgressReporter<RunPublishProgress>(job, logger);
    const needs = { embedder: deps.embedder.identity, chunking: settings.chunking };
    // A full run's books were all prepared again by their jobs: nothing comes from the live generation.
    const reusable: ReusableOpen = run.full ? {} : await openReusableGeneration(store, needs);
    if (reusable.reason)
      logger.warn(
        `Прогон ${run.runId}: ${reusable.reason}; добавить можно только книги, подготовленные для этого прогона`,
      );
    const stagedBookIds: string[] = [];
    const total = run.books.length;
    try {
      const report = await publishRun(
        {
          store,
          embedder: deps.embedder.identity,
          settings,
          logger,
          ...(deps.servedByHosts ? { servedByHosts: deps.servedByHosts } : {}),
        },
        {
          folder: run.folder,
          booksFound: total,
          label: `Прогон ${run.runId}`,
          startedAt: Date.parse(run.requestedAt),
          ...(reusable.generation ? { base: reusable.generation } : {}),
          ...(run.full ? { full: true } : {}),
          embeddedChunks: () => embeddedChunks,
          assemble: async (builder) => {
            const outcomes = await assembleGeneration({
              books: run.books,
              skipped: run.skipped,
              addBook: addBookOfRun(builder, {
                children,
                previous: reusable.generation,
                staging: deps.staging,
                stagedBookIds,
              }),
              ...(signal ? { signal } : {}),
              onBookDone: (added) => progress.report({ phase: "assembling", booksAdded: added, booksTotal: total }),
            });
            progress.report({ phase: "publishing", booksAdded: total, booksTotal: total });
            return outcomes;
          },
        },
      );
      if (report.published) for (const bookId of stagedBookIds) deps.staging.remove(bookId);
      const record = finishedRunRecord(run, report);
      await deps.history.save(record);
      recordRunMetrics(
        deps.metrics,
        record.state === "published" ? "published" : "nothing_published",
        report.outcomes,
        children,
      );
      deps.onReport?.(run.runId, report);
      if (report.generationId) {
        await announce({ generationId: report.generationId, runId: run.runId, publishedAt: new Date().toISOString() });
        progress.report({ phase: "done", booksAdded: total, booksTotal: total });
        await compactAfterRun(store, logger, async (generationId) => {
          await announce({ generationId, runId: run.runId, publishedAt: new Date().toISOString() });
        });
      }
      // A run that published nothing completes too: retrying cannot help, every reason is recorded.
      return runJobResult(record);
    } catch (error) {
      await handBackIfCancelled(job, token, signal, deps.logger);
      logger.warn(
        `Прогон ${run.runId} не опубликован (попытка ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}): ${(error as Error).message}`,
      );
      throw error;
    } finally {
      await progress.flush();
      reusable.generation?.close();
    }
  };
}
