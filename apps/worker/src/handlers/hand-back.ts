// On shutdown the worker cancels jobs that outlive the grace period. A cancelled job goes back
// to the waiting list with its attempt unspent, for this worker after restart or another one.
import type { Logger } from "@ai-library/shared/logging";
import { type Job, WaitingError } from "bullmq";

export async function handBackIfCancelled(
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
  logger: Logger,
): Promise<void> {
  if (!signal?.aborted || !token) return;
  await job.moveToWait(token);
  logger.info(`Задание ${job.name} ${job.id} возвращено в очередь (воркер останавливается)`);
  throw new WaitingError();
}
