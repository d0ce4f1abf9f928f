// `index rebuild [--inline] [--wait] [--json]`: "the index is broken and there is no backup" —
// a full ingest of BOOKS_DIR into a new live generation. Books are reused only from a generation
// that passes verification, so a damaged one contributes nothing. Through the worker queue by
// default (forced: runs even if these books look live), in this process with --inline. The
// queued path is refused while the live generation is damaged: the worker builds on the live
// generation, so the inline path (or a rollback first) is the way out.
import { checkGenerationDir, describeFaults } from "@ai-library/shared/index";
import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { printIngestReport } from "../output/ingest-report.js";
import { createProgressReporter } from "../output/progress-reporter.js";
import { runIndexCommand } from "./index-command-runner.js";
import { runQueuedIngest } from "./ingest-queue.js";

async function rebuildInline(context: CliContext, folder: string, json: boolean): Promise<number> {
  const { ingestSettingsFromConfig, runIngest } = await import("@ai-library/shared/pipeline");
  const progress = createProgressReporter(process.stderr);
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  try {
    const report = await runIngest(
      {
        settings: ingestSettingsFromConfig(context.config),
        logger: context.logger,
        embedder: await context.embedder(),
        store: context.store,
      },
      { folder, onProgress: progress.update, signal: controller.signal },
    );
    progress.stop();
    printIngestReport(report, json);
    return report.published ? 0 : 1;
  } finally {
    progress.stop();
  }
}

export function registerIndexRebuildCommand(index: Command): void {
  index
    .command("rebuild")
    .description("rebuild the index from BOOKS_DIR into a new live generation (queued, or --inline)")
    .option("--inline", "build in this process (no Redis, no worker); the way out when the live generation is damaged")
    .option("--wait", "queued: follow the run until it finishes (exit 0 only if published)")
    .option("--json", "print the report as JSON")
    .action((options: { inline?: boolean; wait?: boolean; json?: boolean }) =>
      runIndexCommand("rebuild", async (context) => {
        const folder = context.config.BOOKS_DIR;
        context.logger.info(`Index rebuild from ${folder} (${options.inline ? "inline" : "queued"})`);
        if (options.inline) return rebuildInline(context, folder, options.json === true);
        const live = context.store.liveId();
        if (live) {
          const check = await checkGenerationDir(context.store.generationDir(live));
          if (!check.ok) {
            process.stderr.write(
              `Живое поколение ${live} повреждено (${describeFaults(check.faults)}). Воркер строит новое поколение ` +
                "поверх живого, поэтому пересборка через очередь сейчас невозможна. Выполните:\n" +
                "  pnpm ai-library index rebuild --inline\n" +
                "или сначала верните исправное поколение: pnpm ai-library index rollback\n",
            );
            return 1;
          }
        }
        return runQueuedIngest(context, { folder, wait: options.wait, json: options.json, force: true });
      }),
    );
}
