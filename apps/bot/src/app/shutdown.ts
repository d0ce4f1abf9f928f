// Idempotent shutdown on SIGINT/SIGTERM: stop taking updates, let answers in progress finish
// (bounded), release the index and Redis, flush the log, exit 0. A second signal exits at once.
import type { Logger } from "@ai-library/shared/logging";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

export type Shutdown = (reason: string, exitCode?: number) => Promise<void>;

export function createShutdown(options: {
  logger: Logger;
  steps: () => ShutdownStep[];
  exit: (code: number) => void;
}): Shutdown {
  let running: Promise<void> | undefined;
  return (reason, exitCode = 0) => {
    running ??= (async () => {
      options.logger.info(`Бот останавливается: ${reason}`);
      let code = exitCode;
      for (const step of options.steps()) {
        try {
          await step.run();
        } catch (error) {
          code = code || 1;
          options.logger.error(`Остановка: шаг «${step.name}» не удался: ${(error as Error).message}`);
        }
      }
      options.exit(code);
    })();
    return running;
  };
}

export function exitOnSignals(shutdown: Shutdown, exit: (code: number) => void): void {
  let received = 0;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      received += 1;
      if (received > 1) exit(130);
      else void shutdown(signal);
    });
  }
}
