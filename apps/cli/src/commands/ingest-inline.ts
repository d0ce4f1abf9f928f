// The inline ingest (no Redis, no worker) shared by `ingest --inline` and `index rebuild --inline`
// (with or without --full): progress on stderr, the per-book report on stdout, exit code 0 only
// if a generation was published.
import { compactionReason, readManifest } from "@ai-library/shared/index";
import { servedByHostsLookup } from "../cluster/served-by-hosts.js";
import type { CliContext } from "../context.js";
import { printIngestReport } from "../output/ingest-report.js";
import { createProgressReporter } from "../output/progress-reporter.js";
import { startSwitchAnnouncer } from "./announce-live-switch.js";

export interface InlineIngestRequest {
  folder: string;
  json: boolean;
  /** Re-parse and re-embed every book (`--full`). */
  full: boolean;
}

export async function runInlineIngest(context: CliContext, request: InlineIngestRequest): Promise<number> {
  const { folder, json, full } = request;
  // Loaded here, not at the top: the text splitter's imports cost a second that `ask` should not pay.
  const { ingestSettingsFromConfig, runIngest } = await import("@ai-library/shared/pipeline");
  const progress = createProgressReporter(process.stderr);
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  // The same notice as the worker's publish: bots (and `index follow` on other hosts) switch at once.
  const announcer = startSwitchAnnouncer(context.config);
  const servedByHosts = servedByHostsLookup(context.config);
  try {
    const report = await runIngest(
      {
        settings: ingestSettingsFromConfig(context.config),
        logger: context.logger,
        embedder: await context.embedder(),
        store: context.store,
        ...(servedByHosts ? { servedByHosts } : {}),
      },
      { folder, full, onProgress: progress.update, signal: controller.signal },
    );
    progress.stop();
    if (report.generationId) {
      const announced = await announcer.announce(report.generationId);
      context.logger.info(`Уведомление о поколении ${report.generationId}`, { announced });
    }
    printIngestReport(report, json);
    if (report.generationId) adviseCompaction(context, report.generationId);
    return report.published ? 0 : 1;
  } finally {
    progress.stop();
    await announcer.close();
  }
}

/**
 * The worker folds a generation's segments by itself after a run that left many of them (or
 * many removed books' rows); an inline run has no worker behind it, so it says so instead.
 * Folding here would make a generation other than the reported one live a few seconds later.
 */
function adviseCompaction(context: CliContext, generationId: string): void {
  const read = readManifest(context.store.generationDir(generationId));
  const reason = read.ok ? compactionReason(read.manifest) : undefined;
  if (!reason) return;
  const advice =
    `В живом поколении ${generationId} ${reason}: поиск обходит каждый сегмент. ` +
    "Свести их в один (без повторной векторизации): pnpm ai-library index compact";
  context.logger.info(advice);
  process.stderr.write(`${advice}\n`);
}
