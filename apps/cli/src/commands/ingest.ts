// `ingest --folder DIR [--inline] [--full]`: builds and publishes a new index generation.
// --inline runs the whole pipeline in this process (no Redis needed); --full re-parses and
// re-embeds every book (no reuse of the live generation, no embedding cache). --folder is meant
// from the operator's folder; BOOKS_DIR (the default) from the installation's.

import { closeLogger } from "@ai-library/shared/logging";
import type { Command } from "commander";
import { booksFolderProblem } from "../books-folder.js";
import { createCliContext } from "../context.js";
import { resolveOperatorPath } from "../operator-path.js";
import { runInlineIngest } from "./ingest-inline.js";
import { runQueuedIngest } from "./ingest-queue.js";
import { registerIngestStatusCommand } from "./ingest-status.js";

interface IngestOptions {
  folder?: string;
  inline?: boolean;
  json?: boolean;
  wait?: boolean;
  force?: boolean;
  full?: boolean;
}

export function registerIngestCommand(program: Command): void {
  const ingest = program
    .command("ingest")
    .description("index the books of a folder and publish a new index generation")
    .option("--folder <dir>", "books folder, relative to your current folder (default: BOOKS_DIR)")
    .option("--inline", "run the pipeline in this process instead of the worker queue (no Redis needed)")
    .option("--json", "print the report as JSON")
    .option("--wait", "queued run: follow its progress until it finishes (exit 0 only if published)")
    .option("--force", "queued run: run again even if these books are already live")
    .option(
      "--full",
      "re-parse and re-embed every book: nothing reused from the live generation, the embedding cache not read",
    )
    .action(async (options: IngestOptions) => {
      const context = createCliContext();
      try {
        const folder = options.folder
          ? resolveOperatorPath(context.operatorCwd, options.folder)
          : context.config.BOOKS_DIR;
        const problem = booksFolderProblem(
          folder,
          options.folder
            ? { kind: "option", typed: options.folder, operatorCwd: context.operatorCwd }
            : { kind: "env", value: context.config.BOOKS_DIR },
        );
        if (problem) {
          // What was typed or configured, not a fault of the service: a WARN line.
          process.stderr.write(`${problem}\n`);
          context.logger.warn(`ingest отклонён: ${problem}`);
          process.exitCode = 1;
          return;
        }
        const full = options.full === true;
        process.exitCode = options.inline
          ? await runInlineIngest(context, { folder, json: options.json === true, full })
          : await runQueuedIngest(context, {
              folder,
              wait: options.wait,
              json: options.json,
              force: options.force,
              full,
            });
      } catch (error) {
        process.stderr.write(`Индексация не выполнена: ${(error as Error).message}\n`);
        await context.reportFailure(options.inline ? "ingest: ошибка" : "ingest через очередь: ошибка", error);
        process.exitCode = 1;
      } finally {
        await closeLogger(context.logger);
      }
    });
  registerIngestStatusCommand(ingest);
}
