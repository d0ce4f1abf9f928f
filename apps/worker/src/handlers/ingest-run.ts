// The parent job of a run. It starts once every book job has finished (or failed for good),
// builds the new generation from the live one and the staged books (a full run: from the staged
// books alone), publishes it atomically and announces it. Runs are serialised (global
// concurrency 1, plus the index's publish lock).
import { CHUNKER_VERSION } from "@ai-library/shared/chunking";
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import type { WorkerMetrics } from "@ai-library/shared/metrics";
import {
  type IngestSettings,
  NothingToPublishError,
  nothingToPublish,
  openReusableGeneration,
  type ReusableOpen,
} from "@ai-library/shared/pipeline";
import {
  type GenerationNotice,
  type IngestRunPayload,
  InvalidJobPayloadError,
  ingestRunPayloadSchema,
  type RunHistory,
  type RunJobResult,
  type RunPublishProgress,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { StagingArea } from "../staging/staging-area.js";
import { ensureEmbedderDims } from "./embedder-dims.js";
import { handBackIfCancelled } from "./hand-back.js";
import type { JobHandler } from "./job-handlers.js";
import { createJobProgressReporter } from "./progress-reporter.js";
import { type Assembly, assembleBooks, childOutcomes } from "./run-book-sources.js";
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
}

function parsePayload(job: Job): IngestRunPayload {
  const parsed = ingestRunPayloadSchema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  throw new UnrecoverableError(new InvalidJobPayloadError(job.name, job.id, parsed.error.message).message);
}

export function createIngestRunHandler(deps: IngestRunDeps): JobHandler {
  const { logger, store, settings } = deps;
  // The notice only speeds bots up (they also poll): failing to send it must not fail the run.
  const announce = (notice: GenerationNotice) =>
    deps
      .announce(notice)
      .catch((error: Error) => logger.warn(`Could not announce generation ${notice.generationId}: ${error.message}`));

  return async (job, token, signal): Promise<RunJobResult> => {
    const run = parsePayload(job);
    const earlier = await deps.history.get(run.runId);
    if (
      earlier?.state === "published" &&
      earlier.generationId &&
      store.list().some((entry) => entry.id === earlier.generationId)
    ) {
      // An earlier attempt published and recorded this run, then died before completing the job.
      logger.info(`Run ${run.runId} was already published as ${earlier.generationId}; completing the job`);
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
      logger.warn(`Run ${run.runId}: ${reusable.reason}; only books staged for this run can be added`);
    const request = {
      embedder: deps.embedder.identity,
      chunking: { version: CHUNKER_VERSION, ...settings.chunking },
      indexFactory: settings.indexFactory,
      nprobe: settings.nprobe,
    };
    let assembly: Assembly = { outcomes: [], stagedBookIds: [] };
    try {
      const manifest = await store.publish(request, async (builder) => {
        assembly = await assembleBooks(builder, {
          run,
          children,
          previous: reusable.generation,
          staging: deps.staging,
          ...(signal ? { signal } : {}),
          onBookAdded: (added, total) => progress.report({ phase: "assembling", booksAdded: added, booksTotal: total }),
        });
        if (!assembly.outcomes.some((outcome) => outcome.status === "indexed" || outcome.status === "unchanged"))
          throw nothingToPublish(run.folder, run.books.length);
        progress.report({ phase: "publishing", booksAdded: run.books.length, booksTotal: run.books.length });
      });
      const pruned = store.prune(settings.keepGenerations);
      for (const bookId of assembly.stagedBookIds) deps.staging.remove(bookId);
      const record = finishedRunRecord(run, assembly.outcomes, {
        state: "published",
        generationId: manifest.id,
        ...(manifest.previousId ? { previousId: manifest.previousId } : {}),
        chunkCount: manifest.chunkCount,
        embeddedChunks,
        ...(run.full ? { full: true } : {}),
      });
      await deps.history.save(record);
      recordRunMetrics(deps.metrics, "published", assembly.outcomes, children);
      await announce({ generationId: manifest.id, runId: run.runId, publishedAt: new Date().toISOString() });
      progress.report({ phase: "done", booksAdded: run.books.length, booksTotal: run.books.length });
      logger.info(
        `Run ${run.runId} published generation ${manifest.id}: ${manifest.books.length} books, ${manifest.chunkCount} chunks`,
        {
          ...record.counts,
          pruned,
        },
      );
      return runJobResult(record);
    } catch (error) {
      if (!(error instanceof NothingToPublishError)) {
        await handBackIfCancelled(job, token, signal, deps.logger);
        logger.warn(
          `Run ${run.runId} could not publish (attempt ${job.attemptsMade + 1}/${job.opts.attempts ?? 1}): ${(error as Error).message}`,
        );
        throw error;
      }
      // Retrying cannot help: the run is finished, with nothing published and every reason recorded.
      const record = finishedRunRecord(run, assembly.outcomes, {
        state: "nothing_published",
        failure: error.message,
        embeddedChunks,
        ...(run.full ? { full: true } : {}),
      });
      await deps.history.save(record);
      recordRunMetrics(deps.metrics, "nothing_published", assembly.outcomes, children);
      logger.error(`Run ${run.runId}: ${error.message}`);
      return runJobResult(record);
    } finally {
      await progress.flush();
      reusable.generation?.close();
    }
  };
}
