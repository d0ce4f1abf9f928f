// The handler registry: one handler per job name of the queue contract. The worker refuses to
// start when a job name has no handler, or a handler has no job name, and a job whose name it
// does not know fails at once instead of being retried.
import {
  INGEST_QUEUES,
  type IngestQueueName,
  JOB_NAMES,
  JobHandlerRegistryError,
  type JobName,
  QUEUE_OF_JOB,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";

/** BullMQ passes the lock token and, when the worker cancels the job, an abort signal. */
export type JobHandler = (job: Job, token: string | undefined, signal: AbortSignal | undefined) => Promise<unknown>;

export type JobHandlers = Record<JobName, JobHandler>;

/** Checks at start-up what the type system checks at build time, for handlers assembled at runtime. */
export function assertHandlersComplete(handlers: Partial<Record<string, JobHandler>>): asserts handlers is JobHandlers {
  const known = new Set<string>(Object.values(JOB_NAMES));
  const problems = [
    ...[...known].filter((name) => typeof handlers[name] !== "function").map((name) => `job "${name}" has no handler`),
    ...Object.keys(handlers)
      .filter((name) => !known.has(name))
      .map((name) => `handler "${name}" matches no job name`),
  ];
  if (problems.length > 0) throw new JobHandlerRegistryError(problems);
}

/** The processor for one queue: dispatches by job name to the handlers of that queue only. */
export function processorForQueue(queue: IngestQueueName, handlers: JobHandlers) {
  if (!INGEST_QUEUES.includes(queue)) throw new JobHandlerRegistryError([`unknown queue "${queue}"`]);
  const own = new Map(
    (Object.entries(QUEUE_OF_JOB) as [JobName, IngestQueueName][])
      .filter(([, home]) => home === queue)
      .map(([name]) => [name as string, handlers[name]]),
  );
  // Three parameters: BullMQ passes an abort signal only to processors that declare one.
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    const handler = own.get(job.name);
    if (!handler)
      throw new UnrecoverableError(
        `Queue ${queue} has no handler for job "${job.name}" (id ${job.id}); the producer is incompatible.`,
      );
    return handler(job, token, signal);
  };
}
