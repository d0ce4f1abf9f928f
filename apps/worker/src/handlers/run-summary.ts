// Folds a run's report (publishRun) into the record the history and `ingest status` show: the
// per-book lines become counts, the failed books and the pages of the new generation.
import type { BookOutcome, IngestReport } from "@ai-library/shared/pipeline";
import { isInGeneration } from "@ai-library/shared/pipeline";
import type { FailedBook, IngestRunPayload, RunCounts, RunJobResult, RunRecord } from "@ai-library/shared/queue";

export interface RunSummary {
  counts: RunCounts;
  failedBooks: FailedBook[];
  /** Pages of the books that are in the new generation. */
  pages: number;
}

function summarizeOutcomes(outcomes: BookOutcome[]): RunSummary {
  const count = (status: BookOutcome["status"]) => outcomes.filter((outcome) => outcome.status === status).length;
  return {
    counts: {
      indexed: count("indexed"),
      unchanged: count("unchanged"),
      failed: count("failed"),
      duplicate: count("duplicate"),
    },
    failedBooks: outcomes
      .filter((outcome) => outcome.status === "failed")
      .map((outcome) => ({
        file: outcome.file,
        ...(outcome.errorKind ? { errorKind: outcome.errorKind } : {}),
        reason: outcome.reason ?? "unknown reason",
      })),
    pages: outcomes.filter(isInGeneration).reduce((sum, outcome) => sum + (outcome.pages ?? 0), 0),
  };
}

/** The record of a finished run; its duration runs from the enqueue (publishRun counts from it). */
export function finishedRunRecord(run: IngestRunPayload, report: IngestReport): RunRecord {
  return {
    runId: run.runId,
    folder: run.folder,
    enqueuedAt: run.requestedAt,
    booksTotal: run.books.length + run.skipped.length,
    ...summarizeOutcomes(report.outcomes),
    ...(report.published
      ? {
          state: "published" as const,
          ...(report.generationId ? { generationId: report.generationId } : {}),
          ...(report.previousId ? { previousId: report.previousId } : {}),
          chunkCount: report.chunkCount,
        }
      : { state: "nothing_published" as const, ...(report.failure ? { failure: report.failure } : {}) }),
    embeddedChunks: report.embeddedChunks,
    ...(report.full ? { full: true } : {}),
    finishedAt: new Date().toISOString(),
    durationMs: report.durationMs,
  };
}

export function runJobResult(record: RunRecord): RunJobResult {
  const {
    folder: _folder,
    enqueuedAt: _enqueuedAt,
    booksTotal: _booksTotal,
    finishedAt: _finishedAt,
    ...result
  } = record;
  return result;
}
