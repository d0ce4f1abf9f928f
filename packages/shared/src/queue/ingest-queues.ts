// Opens the ingest queues and the flow producer over one connection, with the prefix every
// process must share. Producers pass a fail-fast connection, the worker its retrying one.
import { FlowProducer, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { BOOKS_QUEUE, queueKeys, RUNS_QUEUE } from "./names.js";
import type { IngestBookPayload, IngestRunPayload } from "./payloads.js";

export interface IngestQueues {
  readonly prefix: string;
  readonly runs: Queue<IngestRunPayload>;
  readonly books: Queue<IngestBookPayload>;
  readonly flows: FlowProducer;
  /** Pauses or resumes both queues: paused, nothing new starts; active jobs finish. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  isPaused(): Promise<boolean>;
  /** When the queues were paused (ISO time); undefined when running or paused by other means. */
  pausedSince(): Promise<string | undefined>;
  /** Closes the queue objects; the connection belongs to the caller. */
  close(): Promise<void>;
}

export function openIngestQueues(connection: Redis, prefix: string): IngestQueues {
  const runs = new Queue<IngestRunPayload>(RUNS_QUEUE, { connection, prefix });
  const books = new Queue<IngestBookPayload>(BOOKS_QUEUE, { connection, prefix });
  const flows = new FlowProducer({ connection, prefix });
  return {
    prefix,
    runs,
    books,
    flows,
    // The pause time is kept next to BullMQ's flag, so the "paused too long" alert and
    // `queue status` measure from the pause itself, across restarts; a second pause keeps it.
    async pause() {
      await Promise.all([runs.pause(), books.pause()]);
      await connection.set(queueKeys(prefix).pausedSince, new Date().toISOString(), "NX");
    },
    async resume() {
      await Promise.all([runs.resume(), books.resume()]);
      await connection.del(queueKeys(prefix).pausedSince);
    },
    async pausedSince() {
      return (await connection.get(queueKeys(prefix).pausedSince)) ?? undefined;
    },
    async isPaused() {
      const [runsPaused, booksPaused] = await Promise.all([runs.isPaused(), books.isPaused()]);
      return runsPaused || booksPaused;
    },
    async close() {
      await Promise.all([runs.close(), books.close(), flows.close()]);
    },
  };
}
