// Updates are handled off Telegraf's polling loop (which waits for a whole batch before it
// fetches the next one), so one slow answer never delays other chats. This tracks those
// detached handlers: each gets a timeout and an error boundary, and shutdown can wait for them.
import type { Logger } from "@ai-library/shared/logging";

export interface BackgroundTasks {
  /** Starts `job`; `onFailure` gets errors and timeouts. The promise (never rejected) settles when both are over. */
  run(job: () => Promise<void>, onFailure: (error: unknown) => Promise<void>): Promise<void>;
  readonly inFlight: number;
  /** Resolves when nothing runs (true) or after `timeoutMs` (false). */
  idle(timeoutMs?: number): Promise<boolean>;
}

export class HandlerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`обработка обновления шла дольше ${timeoutMs} мс и была прервана`);
    this.name = "HandlerTimeoutError";
  }
}

export function createBackgroundTasks(options: { logger: Logger; timeoutMs: number }): BackgroundTasks {
  const running = new Set<Promise<void>>();
  const waiters = new Set<() => void>();
  const settle = (task: Promise<void>) => {
    running.delete(task);
    if (running.size === 0) for (const wake of [...waiters]) wake();
  };
  return {
    run(job, onFailure) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new HandlerTimeoutError(options.timeoutMs)), options.timeoutMs);
      });
      const task: Promise<void> = Promise.race([Promise.resolve().then(job), timeout])
        .catch(async (error: unknown) => {
          try {
            await onFailure(error);
          } catch (inner) {
            options.logger.error(`Сбой в обработке ошибки: ${String(inner)}`);
          }
        })
        .finally(() => {
          clearTimeout(timer);
          settle(task);
        });
      running.add(task);
      return task;
    },
    get inFlight() {
      return running.size;
    },
    idle(timeoutMs = 30_000) {
      if (running.size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
