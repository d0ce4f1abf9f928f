// Keeps the bot on the newest published index without a restart: a Redis notice from the
// worker triggers a reload at once, and a poll of INDEX_DIR/LIVE every INDEX_POLL_SECONDS
// catches anything the notice missed (Redis down, an ingest run from the CLI). Loading,
// verifying, smoke-querying and swapping are the live library's; this decides when, and logs.
import type { Logger } from "@ai-library/shared/logging";
import type { LiveGenerations, ReloadOutcome } from "@ai-library/shared/retrieval";
import type { BotMetrics } from "../metrics/bot-metrics.js";

export interface Subscription {
  close(): Promise<void>;
}

export interface IndexReloaderDeps {
  library: Pick<LiveGenerations, "reloadIfChanged">;
  logger: Logger;
  metrics: BotMetrics;
  pollSeconds: number;
  /** Subscribes to publish notices; may never resolve while Redis is down. */
  subscribe?: (onNotice: (generationId: string) => void) => Promise<Subscription>;
}

export interface IndexReloader {
  /** One reload check now (startup, notice, poll); never throws. */
  check(trigger: string): Promise<ReloadOutcome | undefined>;
  stop(): Promise<void>;
}

export function startIndexReloader(deps: IndexReloaderDeps): IndexReloader {
  const { library, logger, metrics } = deps;
  let stopped = false;
  let lastReported: string | undefined;

  const check = async (trigger: string): Promise<ReloadOutcome | undefined> => {
    try {
      const outcome = await library.reloadIfChanged();
      // The notice and the poll may share one reload; it is reported once.
      const repeated = outcome.status === "loaded" && outcome.id === lastReported;
      if (!repeated) metrics.index.recordReload(outcome);
      if (outcome.status === "loaded" && !repeated) {
        lastReported = outcome.id;
        logger.info(
          `Индекс обновлён без перезапуска: поколение ${outcome.id} (было ${outcome.previousId ?? "нет"}; ${trigger})`,
        );
      } else if (outcome.status === "refused" && outcome.servingId === undefined) {
        logger.error(`Поколение индекса ${outcome.id} не прошло проверку, а другого нет: ${outcome.reason}`);
      } else if (outcome.status === "empty" && trigger === "startup") {
        logger.warn(
          "Индекс пуст: бот отвечает, что библиотека пуста. Запустите индексацию: pnpm ai-library ingest --folder data/books --inline",
        );
      }
      return outcome;
    } catch (error) {
      logger.error(`Проверка нового поколения индекса не удалась (${trigger}): ${(error as Error).message}`);
      metrics.bot.errorOccurred("index");
      return undefined;
    }
  };

  const timer = setInterval(() => void check("poll"), deps.pollSeconds * 1000);
  let subscription: Promise<Subscription | undefined> | undefined;
  if (deps.subscribe) {
    subscription = deps
      .subscribe((generationId) => {
        logger.info(`Получено уведомление о новом поколении индекса ${generationId}`);
        void check("redis notice");
      })
      .then((ready) => {
        logger.info("Подписка на уведомления о новом индексе через Redis работает");
        return ready;
      })
      .catch((error: unknown) => {
        logger.warn(
          `Уведомления о новом индексе через Redis недоступны (${(error as Error).message}); остаётся опрос раз в ${deps.pollSeconds} с`,
        );
        return undefined;
      });
  }

  return {
    check,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      // A subscription still waiting for Redis is abandoned: the process is exiting.
      const ready = await Promise.race([
        subscription,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200)),
      ]);
      await ready?.close().catch(() => undefined);
    },
  };
}
