// The queue contract on its own, against the real Redis: handler registry, payload schemas,
// content-derived ids, fail-fast producer connections, bounded run history, failure reasons.
import { randomBytes } from "node:crypto";
import {
  connectProducer,
  deriveRunId,
  formatBookFailure,
  ingestBookPayloadSchema,
  JOB_NAMES,
  JobHandlerRegistryError,
  openRunHistory,
  parseBookFailure,
  queueKeys,
  RedisUnavailableError,
  type RunRecord,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertHandlersComplete, type Handler, processorForQueue } from "../src/handlers/job-handlers.js";

const noop: Handler<unknown> = async () => "done";
const sha = (seed: string) => seed.repeat(64).slice(0, 64);

describe("job handler registry", () => {
  it("refuses a registry that misses a job kind or has a handler for an unknown one", () => {
    expect(() => assertHandlersComplete({ [JOB_NAMES.run]: noop })).toThrow(JobHandlerRegistryError);
    expect(() =>
      assertHandlersComplete({ [JOB_NAMES.run]: noop, [JOB_NAMES.book]: noop, "ingest-typo": noop }),
    ).toThrow(/ingest-typo/);
    expect(() => assertHandlersComplete({ [JOB_NAMES.run]: noop, [JOB_NAMES.book]: noop })).not.toThrow();
  });

  it("fails a job of another kind at once instead of retrying it", async () => {
    const processor = processorForQueue("ingest-books", { [JOB_NAMES.run]: noop, [JOB_NAMES.book]: noop });
    const stray = { name: JOB_NAMES.run, id: "x" } as Job;
    await expect(processor(stray)).rejects.toThrow(UnrecoverableError);
  });

  it("parses the payload with its job name's schema before the handler sees it", async () => {
    const seen: unknown[] = [];
    const book: Handler<unknown> = async (payload) => seen.push(payload);
    const processor = processorForQueue("ingest-books", { [JOB_NAMES.run]: noop, [JOB_NAMES.book]: book });
    const malformed = { name: JOB_NAMES.book, id: "y", data: { v: 1, runId: "r" } } as Job;
    await expect(processor(malformed)).rejects.toThrow(UnrecoverableError);
    await expect(processor(malformed)).rejects.toThrow(/неверная полезная нагрузка/);
    expect(seen).toEqual([]);
  });
});

describe("payloads and ids", () => {
  const book = {
    v: 1,
    runId: "run-1",
    file: "a.pdf",
    absPath: "/books/a.pdf",
    bookId: sha("a"),
    bytes: 10,
    format: "pdf",
  };

  it("rejects a book payload that does not match the contract", () => {
    expect(ingestBookPayloadSchema.safeParse(book).success).toBe(true);
    expect(ingestBookPayloadSchema.safeParse({ ...book, bookId: "not-a-hash" }).success).toBe(false);
    expect(ingestBookPayloadSchema.safeParse({ ...book, format: "docx" }).success).toBe(false);
  });

  it("derives the run id from content: same books same id, any change a new id", () => {
    const content = {
      folder: "/books",
      books: [
        { file: "a.pdf", bookId: sha("a") },
        { file: "b.pdf", bookId: sha("b") },
      ],
      skipped: [],
      settings: { chunkSize: 1000 },
    };
    const id = deriveRunId(content);
    expect(id).toMatch(/^run-[0-9a-f]{20}$/);
    expect(deriveRunId({ ...content, books: [...content.books].reverse() })).toBe(id);
    expect(
      deriveRunId({
        ...content,
        books: [{ file: "a.pdf", bookId: sha("c") }, content.books[1] as { file: string; bookId: string }],
      }),
    ).not.toBe(id);
    expect(deriveRunId({ ...content, settings: { chunkSize: 800 } })).not.toBe(id);
    expect(deriveRunId(content, "forced")).not.toBe(id);
  });

  it("carries the error kind of a failed book through BullMQ's text-only reason", () => {
    const reason = formatBookFailure("encrypted", "secret.pdf: the file is password-protected");
    expect(parseBookFailure(reason)).toEqual({
      errorKind: "encrypted",
      reason: "secret.pdf: the file is password-protected",
    });
    expect(parseBookFailure("connect ECONNREFUSED")).toEqual({ reason: "connect ECONNREFUSED" });
  });
});

describe("producer connection", () => {
  it("fails fast with a typed error that hides the Redis password", async () => {
    const started = Date.now();
    const attempt = connectProducer("redis://worker:s3cret-pass@127.0.0.1:1/0", { connectTimeoutMs: 1000 });
    await expect(attempt).rejects.toThrow(RedisUnavailableError);
    await expect(attempt).rejects.not.toThrow(/s3cret-pass/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("run history", () => {
  let redis: Redis;
  const prefix = `test-history-${randomBytes(4).toString("hex")}`;
  const record = (runId: string, state: RunRecord["state"] = "queued"): RunRecord => ({
    runId,
    folder: "/books",
    state,
    enqueuedAt: new Date().toISOString(),
    booksTotal: 1,
    failedBooks: [],
  });

  beforeAll(async () => {
    redis = await connectProducer("redis://127.0.0.1:6379");
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("keeps the newest runs only, and a duplicate trigger does not overwrite a finished run", async () => {
    const history = openRunHistory(redis, prefix, 3);
    for (const id of ["r1", "r2", "r3", "r4"]) await history.recordQueued(record(id));
    expect((await history.recent(10)).map((run) => run.runId)).toEqual(["r4", "r3", "r2"]);
    expect(await history.get("r1")).toBeUndefined();
    expect(await redis.hlen(queueKeys(prefix).runRecords)).toBe(3);

    await history.save(record("r3", "published"));
    expect(await history.recordQueued(record("r3"))).toBe(false);
    expect((await history.get("r3"))?.state).toBe("published");
  });
});
