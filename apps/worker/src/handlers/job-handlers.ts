// The handler registry: one handler per job name of the queue contract, typed so that a job name
// and its payload type are checked by the compiler. The payload is parsed here, once, with the
// schema of its name; a handler receives it already checked. The worker refuses to start when a
// job name has no handler, or a handler has no job name, and a job whose name it does not know,
// or whose payload does not match, fails at once instead of being retried.
import {
  INGEST_QUEUES,
  type IngestQueueName,
  InvalidJobPayloadError,
  JOB_NAMES,
  JOB_PAYLOAD_SCHEMAS,
  JobHandlerRegistryError,
  type JobName,
  type JobPayload,
  QUEUE_OF_JOB,
} from "@ai-library/shared/queue";
import { type Job, UnrecoverableError } from "bullmq";

/** BullMQ passes the lock token and, when the worker cancels the job, an abort signal. */
export type Handler<Payload> = (
  payload: Payload,
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<unknown>;

export type JobHandlers = { [Name in JobName]: Handler<JobPayload<Name>> };

/** Checks at start-up what the type system checks at build time, for handlers assembled at runtime. */
export function assertHandlersComplete(
  handlers: Partial<Record<string, Handler<never>>>,
): asserts handlers is JobHandlers {
  const known = new Set<string>(Object.values(JOB_NAMES));
  const problems = [
    ...[...known]
      .filter((name) => typeof handlers[name] !== "function")
      .map((name) => `у задания "${name}" нет обработчика`),
    ...Object.keys(handlers)
      .filter((name) => !known.has(name))
      .map((name) => `обработчик "${name}" не соответствует ни одному заданию`),
  ];
  if (problems.length > 0) throw new JobHandlerRegistryError(problems);
}

function parsePayload<Name extends JobName>(name: Name, job: Job): JobPayload<Name> {
  const parsed = JOB_PAYLOAD_SCHEMAS[name].safeParse(job.data);
  if (parsed.success) return parsed.data as JobPayload<Name>;
  throw new UnrecoverableError(new InvalidJobPayloadError(job.name, job.id, parsed.error.message).message);
}

/** A handler bound to its job name: parses the payload, then runs the typed handler. */
function parsingHandler<Name extends JobName>(name: Name, handlers: JobHandlers) {
  const handler = handlers[name] as Handler<JobPayload<Name>>;
  return (job: Job, token: string | undefined, signal: AbortSignal | undefined) =>
    handler(parsePayload(name, job), job, token, signal);
}

/** The processor for one queue: dispatches by job name to the handlers of that queue only. */
export function processorForQueue(queue: IngestQueueName, handlers: JobHandlers) {
  if (!INGEST_QUEUES.includes(queue)) throw new JobHandlerRegistryError([`unknown queue "${queue}"`]);
  const own = new Map(
    (Object.keys(QUEUE_OF_JOB) as JobName[])
      .filter((name) => QUEUE_OF_JOB[name] === queue)
      .map((name) => [name as string, parsingHandler(name, handlers)]),
  );
  // Three parameters: BullMQ passes an abort signal only to processors that declare one.
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<unknown> => {
    const handler = own.get(job.name);
    if (!handler)
      throw new UnrecoverableError(
        `В очереди ${queue} нет обработчика задания "${job.name}" (id ${job.id}): его поставила несовместимая версия.`,
      );
    return handler(job, token, signal);
  };
}
