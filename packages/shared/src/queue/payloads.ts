// Zod schemas for everything that crosses Redis: job payloads, job results, run records and
// notices. Every reader parses with these; nothing trusts `job.data` as-is.
import { z } from "zod";
import { BOOK_ERROR_KINDS, BOOK_FORMATS } from "../loaders/types.js";
import { JOB_NAMES, type JobName } from "./names.js";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: "expected a sha256 hex digest" });
const bookFormat = z.enum(BOOK_FORMATS);
const errorKind = z.enum(BOOK_ERROR_KINDS);

/** Child job: one book of a run. `absPath` must be the same path on every worker machine. */
export const ingestBookPayloadSchema = z.object({
  v: z.literal(1),
  runId: z.string().min(1),
  file: z.string().min(1),
  absPath: z.string().min(1),
  bookId: sha256Hex,
  bytes: z.number().int().nonnegative(),
  format: bookFormat,
  /** Part of a rebuild from scratch: parse and embed even if the book is live or staged, past the cache. */
  full: z.boolean().optional(),
});
export type IngestBookPayload = z.infer<typeof ingestBookPayloadSchema>;

/** A book reported without a child job: rejected by the scan, or a duplicate of another file. */
export const skippedBookSchema = z.object({
  file: z.string(),
  status: z.enum(["failed", "duplicate"]),
  bookId: sha256Hex.optional(),
  errorKind: errorKind.optional(),
  reason: z.string(),
});
export type SkippedBook = z.infer<typeof skippedBookSchema>;

/** Parent job: the whole run. `books` lists the unique books, each with its child job id. */
export const ingestRunPayloadSchema = z.object({
  v: z.literal(1),
  runId: z.string().min(1),
  folder: z.string().min(1),
  requestedAt: z.iso.datetime(),
  books: z.array(z.object({ file: z.string(), bookId: sha256Hex, childJobId: z.string() })),
  skipped: z.array(skippedBookSchema),
  /** A rebuild from scratch: nothing is taken from the live generation. */
  full: z.boolean().optional(),
});
export type IngestRunPayload = z.infer<typeof ingestRunPayloadSchema>;

/** What a child job returns: the book is staged on disk, or reusable from the live generation. */
export const bookJobResultSchema = z.object({
  bookId: sha256Hex,
  file: z.string(),
  status: z.enum(["staged", "unchanged"]),
  title: z.string().optional(),
  chunks: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative().optional(),
  /** Chunks embedded by this job (0 when the book was reused or already staged). */
  embeddedChunks: z.number().int().nonnegative(),
  /** host:pid of the worker process that did the work. */
  worker: z.string(),
  durationMs: z.number().nonnegative(),
});
export type BookJobResult = z.infer<typeof bookJobResultSchema>;

/** Progress a child job reports while it works, per embedded batch of pages/chunks. */
export const bookProgressSchema = z.object({
  file: z.string(),
  phase: z.enum(["parsing", "ocr", "embedding", "staging", "done"]),
  chunksDone: z.number().int().nonnegative(),
  chunksTotal: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative().optional(),
  /** Phase "ocr": scanned pages recognised so far, of those that need it. */
  ocrDone: z.number().int().nonnegative().optional(),
  ocrTotal: z.number().int().nonnegative().optional(),
});
export type BookProgress = z.infer<typeof bookProgressSchema>;

/** Progress of the parent job while it assembles and publishes the generation. */
export const runProgressSchema = z.object({
  phase: z.enum(["assembling", "publishing", "done"]),
  booksAdded: z.number().int().nonnegative(),
  booksTotal: z.number().int().nonnegative(),
});
export type RunPublishProgress = z.infer<typeof runProgressSchema>;

export const failedBookSchema = z.object({
  file: z.string(),
  errorKind: errorKind.optional(),
  reason: z.string(),
});
export type FailedBook = z.infer<typeof failedBookSchema>;

export const runCountsSchema = z.object({
  indexed: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

export const runStateSchema = z.enum(["queued", "published", "nothing_published", "failed"]);
export type RunState = z.infer<typeof runStateSchema>;

/** One run in the history that `ingest status` shows after BullMQ's own records age out. */
export const runRecordSchema = z.object({
  runId: z.string(),
  folder: z.string(),
  state: runStateSchema,
  enqueuedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
  durationMs: z.number().nonnegative().optional(),
  booksTotal: z.number().int().nonnegative(),
  counts: runCountsSchema.optional(),
  generationId: z.string().optional(),
  previousId: z.string().optional(),
  chunkCount: z.number().int().nonnegative().optional(),
  embeddedChunks: z.number().int().nonnegative().optional(),
  pages: z.number().int().nonnegative().optional(),
  failedBooks: z.array(failedBookSchema).default([]),
  /** Why nothing was published (state nothing_published or failed). */
  failure: z.string().optional(),
  /** A rebuild from scratch (`--full`): every book parsed and embedded again. */
  full: z.boolean().optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

/** What the parent job returns; the same facts go into the run record. */
export const runJobResultSchema = runRecordSchema.pick({
  runId: true,
  state: true,
  generationId: true,
  previousId: true,
  chunkCount: true,
  embeddedChunks: true,
  pages: true,
  counts: true,
  failedBooks: true,
  failure: true,
  durationMs: true,
  full: true,
});
export type RunJobResult = z.infer<typeof runJobResultSchema>;

/** Published on the generation channel once a generation is live, so bots reload at once. */
export const generationNoticeSchema = z.object({
  generationId: z.string(),
  runId: z.string().optional(),
  publishedAt: z.iso.datetime(),
});
export type GenerationNotice = z.infer<typeof generationNoticeSchema>;

/** What a host's `index serve` or `index follow` says it serves (read by `index list` and retention). */
export const hostServingSchema = z.object({
  host: z.string(),
  role: z.enum(["publisher", "follower"]),
  /** Absent while the host has no live generation yet. */
  generationId: z.string().optional(),
  at: z.iso.datetime(),
});
export type HostServing = z.infer<typeof hostServingSchema>;

/** What a worker process announces about itself while it runs (read by `queue status`). */
export const workerPresenceSchema = z.object({
  workerId: z.string(),
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.iso.datetime(),
  ingestionEnabled: z.boolean(),
  concurrency: z.number().int().nonnegative(),
  activeJobs: z.number().int().nonnegative(),
});
export type WorkerPresence = z.infer<typeof workerPresenceSchema>;

/**
 * The payload of each job name. The worker parses every job with the schema of its name before
 * its handler sees it, and the handler map's type pairs each name with its payload type.
 */
export const JOB_PAYLOAD_SCHEMAS = {
  [JOB_NAMES.run]: ingestRunPayloadSchema,
  [JOB_NAMES.book]: ingestBookPayloadSchema,
} as const satisfies Record<JobName, z.ZodType>;
export type JobPayload<Name extends JobName> = z.infer<(typeof JOB_PAYLOAD_SCHEMAS)[Name]>;
