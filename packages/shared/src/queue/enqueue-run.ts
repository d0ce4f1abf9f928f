// Turns "ingest this folder" into one BullMQ flow: a parent run job over one child job per
// unique book. Ids come from content, so triggering the same ingest twice finds the first run.
import type { IngestQueues } from "./ingest-queues.js";
import { BOOK_JOB_OPTIONS, RUN_JOB_OPTIONS } from "./job-options.js";
import { BOOKS_QUEUE, JOB_NAMES, RUNS_QUEUE } from "./names.js";
import {
  type IngestBookPayload,
  type IngestRunPayload,
  type RunRecord,
  runJobResultSchema,
  type SkippedBook,
} from "./payloads.js";
import { planRun } from "./plan-run.js";
import type { RunHistory } from "./run-history.js";
import { bookJobId, type RunSettings } from "./run-id.js";

export interface EnqueueRunDeps {
  queues: IngestQueues;
  history: RunHistory;
  settings: RunSettings;
  /** The generation being served now, to tell "already ingested" from "ingested, then replaced". */
  liveGenerationId: () => string | undefined;
  now?: () => Date;
}

export interface EnqueueRunRequest {
  folder: string;
  /** A fresh run even if the same books were ingested already. */
  force?: boolean;
  /** A rebuild from scratch: every book parsed and embedded again, past the embedding cache (implies force). */
  full?: boolean;
}

export type EnqueueRunOutcome =
  | { status: "enqueued"; runId: string; booksTotal: number; skipped: SkippedBook[] }
  /** The same run is waiting or working: nothing was added. */
  | { status: "already-queued"; runId: string; state: string }
  /** The same run failed earlier and was sent to retry its publish step. */
  | { status: "retried"; runId: string }
  /** These exact books are already in the live generation. */
  | { status: "already-live"; runId: string; generationId: string };

export async function enqueueIngestRun(deps: EnqueueRunDeps, request: EnqueueRunRequest): Promise<EnqueueRunOutcome> {
  const full = request.full === true;
  const {
    runId,
    folder,
    books: unique,
    skipped,
  } = await planRun(request.folder, deps.settings, request.force === true || full);

  const live = deps.liveGenerationId();
  const existing = await deps.queues.runs.getJob(runId);
  if (existing) {
    const state = await existing.getState();
    if (state === "failed") {
      await existing.retry("failed");
      return { status: "retried", runId };
    }
    if (state !== "completed") return { status: "already-queued", runId, state };
    const result = runJobResultSchema.safeParse(existing.returnvalue);
    const generationId = result.success ? result.data.generationId : undefined;
    if (generationId && generationId === live) return { status: "already-live", runId, generationId };
    // Done before, but the live index has moved on (rollback, another folder): run it again.
    await existing.remove({ removeChildren: true });
  } else {
    const previous = await deps.history.get(runId);
    if (previous?.state === "published" && previous.generationId && previous.generationId === live) {
      return { status: "already-live", runId, generationId: previous.generationId };
    }
  }

  const requestedAt = (deps.now?.() ?? new Date()).toISOString();
  const children = unique.map((book) => {
    const data: IngestBookPayload = {
      v: 1,
      runId,
      file: book.file,
      absPath: book.absPath,
      bookId: book.bookId,
      bytes: book.bytes,
      format: book.format,
      ...(full ? { full } : {}),
    };
    return {
      name: JOB_NAMES.book,
      queueName: BOOKS_QUEUE,
      data,
      opts: { ...BOOK_JOB_OPTIONS, jobId: bookJobId(runId, book.bookId) },
    };
  });
  const data: IngestRunPayload = {
    v: 1,
    runId,
    folder,
    requestedAt,
    books: unique.map((book) => ({ file: book.file, bookId: book.bookId, childJobId: bookJobId(runId, book.bookId) })),
    skipped,
    ...(full ? { full } : {}),
  };
  await deps.queues.flows.add({
    name: JOB_NAMES.run,
    queueName: RUNS_QUEUE,
    data,
    opts: { ...RUN_JOB_OPTIONS, jobId: runId },
    children,
  });
  const record: RunRecord = {
    runId,
    folder,
    state: "queued",
    enqueuedAt: requestedAt,
    booksTotal: unique.length + skipped.length,
    failedBooks: [],
    ...(full ? { full } : {}),
  };
  // A record left by an earlier run with the same id is replaced: this is a new attempt.
  if (!(await deps.history.recordQueued(record))) await deps.history.save(record);
  return { status: "enqueued", runId, booksTotal: unique.length, skipped };
}
