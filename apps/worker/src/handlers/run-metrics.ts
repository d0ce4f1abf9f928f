// Counts a finished run in the worker's metrics: books newly indexed (with the pages and the
// time their book job took), books failed by reason, and the run's outcome. Called once per
// run, when its record is saved, so a retried publish step never counts a book twice.

import type { BookOutcome } from "@ai-library/shared/pipeline";
import type { RunOutcome, WorkerMetrics } from "../metrics/worker-metrics.js";
import type { ChildOutcomes } from "./run-book-sources.js";

export function recordRunMetrics(
  metrics: WorkerMetrics | undefined,
  outcome: RunOutcome,
  books: BookOutcome[],
  children: ChildOutcomes,
): void {
  if (!metrics) return;
  const secondsByBook = new Map(
    [...children.results.values()].map((result) => [result.bookId, result.durationMs / 1000]),
  );
  for (const book of books) {
    if (book.status === "indexed") {
      const seconds = (book.bookId && secondsByBook.get(book.bookId)) || 0;
      metrics.bookIndexed({ seconds, ...(book.pages !== undefined ? { pages: book.pages } : {}) });
    } else if (book.status === "failed") {
      metrics.bookFailed(book.errorKind ?? "other");
    }
  }
  metrics.runFinished(outcome);
}
