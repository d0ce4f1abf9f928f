// The worker's handler map: each job name of the queue contract with its handler. The service
// registers it with BullMQ; tests build the same map to run the queued path in-process.
import { JOB_NAMES } from "@ai-library/shared/queue";
import { createIngestBookHandler, type IngestBookDeps } from "./ingest-book.js";
import { createIngestRunHandler, type IngestRunDeps } from "./ingest-run.js";
import type { JobHandlers } from "./job-handlers.js";

export type IngestHandlerDeps = IngestRunDeps & IngestBookDeps;

export function createIngestJobHandlers(deps: IngestHandlerDeps): JobHandlers {
  return {
    [JOB_NAMES.run]: createIngestRunHandler(deps),
    [JOB_NAMES.book]: createIngestBookHandler(deps),
  };
}
