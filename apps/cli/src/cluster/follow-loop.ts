// When `index follow` reconciles: at start, on every Redis generation notice, and every
// INDEX_SYNC_SECONDS (pub/sub drops what is sent while this host or Redis is away). One sync at a
// time: a trigger during a sync asks for one more right after it, never a second in parallel.
import type { Logger } from "@ai-library/shared/logging";

export interface FollowLoopDeps {
  sync: (trigger: string) => Promise<unknown>;
  intervalSeconds: number;
  /** Subscribes to the generation notice; resolves once subscribed (may take long while Redis is down). */
  subscribe: (onNotice: (generationId: string) => void) => Promise<{ close(): Promise<void> }>;
  logger: Logger;
}

export interface FollowLoop {
  /** Resolves when the current sync (if any) has finished. */
  stop(): Promise<void>;
}

export function startFollowLoop(deps: FollowLoopDeps): FollowLoop {
  let running: Promise<void> | undefined;
  let again: string | undefined;
  let stopped = false;

  const run = (trigger: string): void => {
    if (stopped) return;
    if (running) {
      again = trigger;
      return;
    }
    running = deps
      .sync(trigger)
      .catch((error: Error) => deps.logger.error(`Синхронизация индекса (${trigger}) упала: ${error.message}`))
      .then(() => {
        running = undefined;
        const next = again;
        again = undefined;
        if (next) run(next);
      });
  };

  run("start");
  const timer = setInterval(() => run("interval"), deps.intervalSeconds * 1000);
  const subscription = deps
    .subscribe((generationId) => run(`notice ${generationId}`))
    .catch((error: Error) => {
      deps.logger.warn(
        `Уведомления о поколениях недоступны (${error.message}); сверка каждые ${deps.intervalSeconds} с`,
      );
      return undefined;
    });

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Not awaited before closing: while Redis is down the subscription may never complete.
      void subscription.then((open) => open?.close());
      await running;
    },
  };
}
