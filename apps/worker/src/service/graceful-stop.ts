// SIGTERM/SIGINT: stop taking jobs, let active ones finish for a bounded time, then cancel them
// so they hand themselves back to the queue (attempt unspent), and return. A job that ignores
// cancellation keeps its lock until it expires; the stalled-job check then gives it to a live worker.
import type { Logger } from "@ai-library/shared/logging";
import type { Worker } from "bullmq";

/** True if `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StopBounds {
  /** How long active jobs may run on before they are cancelled. */
  graceMs: number;
  /** How long cancelled jobs get to hand themselves back. */
  handBackMs: number;
}

export async function stopWorkersGracefully(
  workers: Worker[],
  bounds: StopBounds,
  logger: Logger,
): Promise<"finished" | "cancelled" | "abandoned"> {
  if (workers.length === 0) return "finished";
  const closing = Promise.all(workers.map((worker) => worker.close()));
  if (await settlesWithin(closing, bounds.graceMs)) return "finished";
  logger.warn(`Задания всё ещё выполняются через ${bounds.graceMs / 1000} с: они отменяются и вернутся в очередь`);
  for (const worker of workers) worker.cancelAllJobs("воркер останавливается");
  if (await settlesWithin(closing, bounds.handBackMs)) return "cancelled";
  logger.error("Задания не остановились после отмены: их блокировки истекут, и их возьмёт другой воркер");
  return "abandoned";
}
