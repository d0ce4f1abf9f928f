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
    .description("проиндексировать книги папки и опубликовать новое поколение индекса")
    .option("--folder <dir>", "папка книг, относительно текущего каталога (по умолчанию BOOKS_DIR)")
    .option("--inline", "выполнить индексацию в этом процессе, без очереди воркера (Redis не нужен)")
    .option("--json", "вывести отчёт в JSON")
    .option("--wait", "через очередь: следить за прогоном до конца (код 0, только если опубликовано)")
    .option("--force", "через очередь: запустить снова, даже если эти книги уже в живом индексе")
    .option(
      "--full",
      "разобрать и векторизовать каждую книгу заново: ничего не брать из живого поколения, не читать кэш векторов",
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
        await context.reportFailure(
          options.inline ? "команда ingest --inline не выполнена" : "команда ingest не выполнена",
          error,
        );
        process.exitCode = 1;
      } finally {
        await closeLogger(context.logger);
      }
    });
  registerIngestStatusCommand(ingest);
}
