// `ingest --folder DIR [--inline]`: builds and publishes a new index generation.
// --inline runs the whole pipeline in this process (no Redis needed).

import { closeLogger } from "@ai-library/shared/logging";
import type { Command } from "commander";
import { createCliContext } from "../context.js";
import { runInlineIngest } from "./ingest-inline.js";
import { runQueuedIngest } from "./ingest-queue.js";
import { registerIngestStatusCommand } from "./ingest-status.js";

export function registerIngestCommand(program: Command): void {
  const ingest = program
    .command("ingest")
    .description("index the books of a folder and publish a new index generation")
    .option("--folder <dir>", "books folder (default: BOOKS_DIR)")
    .option("--inline", "run the pipeline in this process instead of the worker queue (no Redis needed)")
    .option("--json", "print the report as JSON")
    .option("--wait", "queued run: follow its progress until it finishes (exit 0 only if published)")
    .option("--force", "queued run: run again even if these books are already live")
    .action(async (options: { folder?: string; inline?: boolean; json?: boolean; wait?: boolean; force?: boolean }) => {
      const context = createCliContext();
      const folder = options.folder ?? context.config.BOOKS_DIR;
      if (!options.inline) {
        try {
          process.exitCode = await runQueuedIngest(context, {
            folder,
            wait: options.wait,
            json: options.json,
            force: options.force,
          });
        } catch (error) {
          console.error(`Ingest failed: ${(error as Error).message}`);
          context.logger.error(`Queued ingest failed: ${(error as Error).message}`);
          process.exitCode = 1;
        } finally {
          await closeLogger(context.logger);
        }
        return;
      }
      try {
        process.exitCode = await runInlineIngest(context, folder, options.json === true);
      } catch (error) {
        console.error(`Ingest failed: ${(error as Error).message}`);
        context.logger.error(`Ingest failed: ${(error as Error).message}`);
        process.exitCode = 1;
      } finally {
        await closeLogger(context.logger);
      }
    });
  registerIngestStatusCommand(ingest);
}
