// `index follow`: keeps this bot host's INDEX_DIR on the publisher's live generation, over HTTP
// from GENERATION_SOURCE_URL (cluster/sync-with-publisher.ts). A command with its own unit
// (infra/systemd/ai-library-index-sync.service), not part of the bot: the bot stays query-only
// with a read-only index, hashing a large download never stalls its answers, and the bot already
// follows LIVE (Redis notice + poll), which is all this command moves. `--once` reconciles once
// and exits (0: in sync; 1: refused or publisher unreachable).
import type { Command } from "commander";
import { startFollowLoop } from "../cluster/follow-loop.js";
import { startHostReporting } from "../cluster/host-reporting.js";
import { pruneKeepingServed, servedByHostsLookup } from "../cluster/served-by-hosts.js";
import { untilStopSignal } from "../cluster/stop-signal.js";
import { type SyncDeps, type SyncOutcome, syncWithPublisher } from "../cluster/sync-with-publisher.js";
import type { CliContext } from "../context.js";
import { startSwitchAnnouncer } from "./announce-live-switch.js";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

function describeOutcome(outcome: SyncOutcome): string {
  switch (outcome.kind) {
    case "in-sync":
      return `Индекс совпадает с публикатором: живое поколение ${outcome.generationId ?? "— (у публикатора его ещё нет)"}.`;
    case "reused":
      return `Живое поколение ${outcome.generationId} (было ${outcome.previousId ?? "—"}): своя проверенная копия, без загрузки.`;
    case "installed":
      return `Поколение ${outcome.generationId} загружено, проверено и стало живым (было ${outcome.previousId ?? "—"}).`;
    case "refused":
      return `Поколение ${outcome.generationId} отклонено: ${outcome.reason}. Хост обслуживает прежнее поколение.`;
    case "unreachable":
      return `Публикатор недоступен: ${outcome.reason}. Хост обслуживает прежнее поколение.`;
  }
}

async function syncDeps(context: CliContext): Promise<Omit<SyncDeps, "onSwitched">> {
  const { config, store, logger } = context;
  return {
    store,
    logger,
    source: { url: config.GENERATION_SOURCE_URL ?? "", token: config.CLUSTER_TOKEN ?? "" },
    expectedEmbedder: await expectedEmbedder(context),
  };
}

async function followOnce(context: CliContext): Promise<number> {
  const { config, store, logger } = context;
  const announcer = startSwitchAnnouncer(config);
  const servedByHosts = servedByHostsLookup(config);
  const outcome = await syncWithPublisher({
    ...(await syncDeps(context)),
    onSwitched: async (id) => {
      await announcer.announce(id);
      await pruneKeepingServed(store, config.INDEX_KEEP_GENERATIONS, servedByHosts, (line) => logger.warn(line));
    },
  }).finally(() => announcer.close());
  process.stdout.write(`${describeOutcome(outcome)}\n`);
  return outcome.kind === "refused" || outcome.kind === "unreachable" ? 1 : 0;
}

async function followForever(context: CliContext): Promise<number> {
  const { config, store, logger } = context;
  const reporting = await startHostReporting({ config, store, role: "follower", logger });
  const deps = await syncDeps(context);
  const notice = await import("@ai-library/shared/notice");
  const loop = startFollowLoop({
    intervalSeconds: config.INDEX_SYNC_SECONDS,
    logger,
    sync: () =>
      syncWithPublisher({
        ...deps,
        onSwitched: async (id) => {
          await reporting.reportSwitch(id);
          await pruneKeepingServed(store, config.INDEX_KEEP_GENERATIONS, reporting.servedByHosts, (line) =>
            logger.warn(line),
          );
        },
      }),
    subscribe: (onNotice) =>
      notice.subscribeToGenerations({
        redisUrl: config.REDIS_URL,
        prefix: config.QUEUE_PREFIX,
        onNotice: (received) => onNotice(received.generationId),
        onError: (message) =>
          logger.warn(`Redis (уведомления о поколениях): ${message}; сверка по таймеру продолжается`),
      }),
  });
  const line =
    `Синхронизация индекса с ${config.GENERATION_SOURCE_URL}: хост ${reporting.host}, ` +
    `сверка при уведомлении и каждые ${config.INDEX_SYNC_SECONDS} с`;
  logger.info(line);
  process.stdout.write(`${line}\n`);
  await untilStopSignal();
  await loop.stop();
  await reporting.close();
  logger.info("Синхронизация индекса остановлена");
  return 0;
}

export function registerIndexFollowCommand(index: Command): void {
  index
    .command("follow")
    .description("держать живым то же поколение, что у публикатора (GENERATION_SOURCE_URL, CLUSTER_TOKEN)")
    .option("--once", "сверить один раз и выйти (1 — поколение отклонено или публикатор недоступен)")
    .action((options: { once?: boolean }) =>
      runIndexCommand("follow", async (context) => {
        if (!context.config.GENERATION_SOURCE_URL || !context.config.CLUSTER_TOKEN) {
          process.stderr.write(
            "Задайте GENERATION_SOURCE_URL (сервер поколений публикатора) и CLUSTER_TOKEN в .env: без них синхронизация не запускается.\n",
          );
          return 1;
        }
        return options.once ? followOnce(context) : followForever(context);
      }),
    );
}
