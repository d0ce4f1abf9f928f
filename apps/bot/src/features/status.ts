// /status, for ADMIN_USER_IDS only: the generation served, its size, the ingest queue (read
// only), which generation each host serves (several hosts), uptime, memory, event-loop lag and answer counts. Others are told it is admin-only.
import { Composer, type Context } from "telegraf";
import type { BotDeps } from "../bot/bot-deps.js";
import { scopeOf } from "../bot/update-scope.js";
import { plainMessage } from "../format/render-answer.js";
import type { Texts } from "../i18n/index.js";
import { formatDate } from "./library-facts.js";

export function formatUptime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  return days > 0 ? `${days}d ${clock}` : clock;
}

/** The queue line, and on several hosts which generation each serves (their heartbeats). */
async function queueAndHosts(deps: BotDeps, texts: Texts): Promise<{ queue: string; hosts: string | undefined }> {
  const queue = await deps.readQueue();
  if (!queue.available) return { queue: texts.queueUnavailable, hosts: undefined };
  return {
    queue: texts.queueState({
      paused: queue.paused,
      runs: queue.runs,
      books: queue.books,
      workers: { alive: queue.workers.length, consuming: queue.consumingWorkers, held: queue.heldWorkers },
    }),
    hosts:
      queue.hosts.length === 0
        ? undefined
        : queue.hosts.map((host) => texts.hostServes(host.host, host.generationId)).join("; "),
  };
}

export function status(deps: BotDeps): Composer<Context> {
  const feature = new Composer<Context>();
  feature.command("status", async (ctx) => {
    const { texts, log } = scopeOf(ctx, deps.logger);
    if (!deps.settings.adminUserIds.has(ctx.from.id)) {
      log.info(`Команда /status от пользователя ${ctx.from.id}, который не администратор`);
      await deps.sender.send(ctx.chat.id, plainMessage(texts.adminOnly));
      return;
    }
    const { queue, hosts } = await queueAndHosts(deps, texts);
    const searchRss = await deps.searchProcessRss();
    const generation = deps.library.current();
    const memory = process.memoryUsage();
    // Lag since the previous /status (or start): a window an operator (or the benchmark) controls.
    const lagP99 = deps.eventLoop.p99Ms();
    deps.eventLoop.reset();
    deps.metrics.eventLoopLagP99.set(lagP99 / 1000);
    const counts = await deps.metrics.answerCounts();
    const text = texts.status({
      generationId: generation?.id,
      generationDate: generation ? formatDate(generation.manifest.createdAt, texts.dateLocale) : undefined,
      chunkCount: generation?.manifest.chunkCount ?? 0,
      bookCount: generation?.manifest.books.length ?? 0,
      queue,
      hosts,
      uptime: formatUptime(Date.now() - deps.startedAt),
      rssMb: Math.round(memory.rss / 2 ** 20),
      heapMb: Math.round(memory.heapUsed / 2 ** 20),
      searchRssMb: searchRss === undefined ? undefined : Math.round(searchRss / 2 ** 20),
      eventLoopP99Ms: lagP99,
      answered: counts.answered,
      failed: counts.failed,
    });
    await deps.sender.send(ctx.chat.id, plainMessage(text));
  });
  return feature;
}
