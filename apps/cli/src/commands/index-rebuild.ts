// `index rebuild [--inline] [--wait] [--json]`: "the index is broken and there is no backup" —
// a full ingest of BOOKS_DIR into a new live generation. Books are reused only from a generation
// that passes verification, so a damaged one contributes nothing. Through the worker queue by
// default (forced: runs even if these books look live), in this process with --inline. The
// queued path is refused while the live generation is damaged: the worker builds on the live
// generation, so the inline path (or a rollback first) is the way out.
import { checkGenerationDir, describeFaults } from "@ai-library/shared/index";
import type { Command } from "commander";
import { runIndexCommand } from "./index-command-runner.js";

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
        if (options.inline) {
          const { runInlineIngest } = await import("./ingest-inline.js");
          return runInlineIngest(context, folder, options.json === true);
        }
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
        // Loaded here: BullMQ is only needed on the queued path.
        const { runQueuedIngest } = await import("./ingest-queue.js");
        return runQueuedIngest(context, { folder, wait: options.wait, json: options.json, force: true });
      }),
    );
}
