// Where a run stands, read from BullMQ while its jobs exist and from the run history after:
// what `ingest --wait` draws and `ingest status` prints.

import { RunNotFoundError } from "./errors.js";
import type { IngestQueues } from "./ingest-queues.js";
import {
  type BookProgress,
  bookJobResultSchema,
  bookProgressSchema,
  type RunPublishProgress,
  type RunRecord,
  runJobResultSchema,
  runProgressSchema,
} from "./payloads.js";
import type { RunHistory } from "./run-history.js";

export type RunPhase = "waiting" | "working" | "publishing" | "published" | "nothing_published" | "failed" | "lost";

export interface RunProgress {
  runId: string;
  phase: RunPhase;
  /** BullMQ state of the parent job, when it still exists. */
  jobState?: string;
  booksTotal: number;
  booksDone: number;
  booksFailed: number;
  /** Pages of the books done so far (PDFs; other formats have none). */
  pages: number;
  /** Books being worked on right now, by any worker. */
  current: BookProgress[];
  publish?: RunPublishProgress;
  /** The history record: present once the run is finished, and while it is queued. */
  record?: RunRecord;
  /** BullMQ's reason when the parent job failed for good. */
  failure?: string;
}

export const isFinished = (phase: RunPhase) =>
  phase === "published" || phase === "nothing_published" || phase === "failed" || phase === "lost";

function fromRecord(runId: string, record: RunRecord): RunProgress {
  const phase: RunPhase = record.state === "queued" ? "lost" : record.state;
  const counts = record.counts;
  const done = counts ? counts.indexed + counts.unchanged + counts.failed + counts.duplicate : 0;
  return {
    runId,
    phase,
    booksTotal: record.booksTotal,
    booksDone: done,
    booksFailed: counts?.failed ?? 0,
    pages: record.pages ?? 0,
    current: [],
    record,
    ...(record.failure ? { failure: record.failure } : {}),
  };
}

export async function readRunProgress(queues: IngestQueues, history: RunHistory, runId: string): Promise<RunProgress> {
  const [job, record] = await Promise.all([queues.runs.getJob(runId), history.get(runId)]);
  if (!job) {
    if (!record) throw new RunNotFoundError(runId);
    return fromRecord(runId, record);
  }
  const jobState = await job.getState();
  if (jobState === "completed") {
    if (record && record.state !== "queued") return { ...fromRecord(runId, record), jobState };
    // The history write failed (Redis blip): the job's own result says the same.
    const result = runJobResultSchema.safeParse(job.returnvalue);
    if (result.success) {
      const { data } = result;
      return {
        ...fromRecord(runId, {
          ...data,
          folder: job.data.folder,
          enqueuedAt: job.data.requestedAt,
          booksTotal: job.data.books.length + job.data.skipped.length,
        }),
        jobState,
      };
    }
  }
  if (jobState === "failed") {
    const base = record ? fromRecord(runId, record) : undefined;
    return {
      ...(base ?? { runId, booksTotal: job.data.books.length, booksDone: 0, booksFailed: 0, pages: 0, current: [] }),
      phase: "failed",
      jobState,
      failure: job.failedReason,
    };
  }

  const [counts, values] = await Promise.all([job.getDependenciesCount(), job.getChildrenValues()]);
  const failed = (counts.ignored ?? 0) + (counts.failed ?? 0);
  let pages = 0;
  for (const value of Object.values(values ?? {})) {
    const parsed = bookJobResultSchema.safeParse(value);
    if (parsed.success) pages += parsed.data.pages ?? 0;
  }
  const skipped = job.data.skipped.length;
  const progress: RunProgress = {
    runId,
    phase:
      jobState === "active" || jobState === "completed"
        ? "publishing"
        : jobState === "waiting-children"
          ? "working"
          : "waiting",
    jobState,
    booksTotal: job.data.books.length + skipped,
    booksDone: (counts.processed ?? 0) + failed + skipped,
    booksFailed: failed + job.data.skipped.filter((book) => book.status === "failed").length,
    pages,
    current: [],
    ...(record ? { record } : {}),
  };
  if (jobState === "waiting-children") {
    const active = (await queues.books.getActive(0, 200)).filter((child) => child.data.runId === runId);
    progress.current = active
      .map((child) => bookProgressSchema.safeParse(child.progress))
      .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
    // No child started or finished yet (e.g. the queue is paused): the run is still waiting.
    if (active.length === 0 && progress.booksDone === skipped) progress.phase = "waiting";
  }
  const publish = runProgressSchema.safeParse(job.progress);
  if (publish.success) progress.publish = publish.data;
  return progress;
}
