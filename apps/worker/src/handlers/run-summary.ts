// Folds the per-book outcomes of a run into the record the history and `ingest status` show.
import type { BookOutcome } from "@ai-library/shared/pipeline";
import type { FailedBook, IngestRunPayload, RunCounts, RunJobResult, RunRecord } from "@ai-library/shared/queue";

export interface RunSummary {
  counts: RunCounts;
  failedBooks: FailedBook[];
  /** Pages of the books that are in the new generation. */
  pages: number;
}

export function summarizeOutcomes(outcomes: BookOutcome[]): RunSummary {
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
    pages: outcomes
      .filter((outcome) => outcome.status === "indexed" || outcome.status === "unchanged")
      .reduce((sum, outcome) => sum + (outcome.pages ?? 0), 0),
  };
}

/** The record of a finished run; duration runs from the enqueue to now. */
export function finishedRunRecord(
  run: IngestRunPayload,
  outcomes: BookOutcome[],
  fields: Pick<RunRecord, "state"> & Partial<RunRecord>,
): RunRecord {
  return {
    runId: run.runId,
    folder: run.folder,
    enqueuedAt: run.requestedAt,
    booksTotal: run.books.length + run.skipped.length,
    ...summarizeOutcomes(outcomes),
    ...fields,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - Date.parse(run.requestedAt),
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
