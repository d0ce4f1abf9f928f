// `index rebuild [--inline] [--full] [--wait] [--json]`: "the index is broken and there is no
// backup" — a full ingest of BOOKS_DIR into a new live generation. Books are reused only from a
// generation that passes verification, so a damaged one contributes nothing; --full reuses
// nothing at all and reads nothing from the embedding cache (the manual's "rebuild the index
// from the books"). Through the worker queue by default (forced: runs even if these books look
// live), in this process with --inline. Without --full the queued path is refused while the
// live generation is damaged: the worker builds on the live generation, so --inline, --full
// (or a rollback first) is the way out.
import { describeFaults, verifyGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { booksFolderProblem } from "../books-folder.js";
import { runIndexCommand } from "./index-command-runner.js";

export function registerIndexRebuildCommand(index: Command): void {
  index
    .command("rebuild")
    .description("пересобрать индекс из BOOKS_DIR в новое живое поколение (через очередь или --inline)")
    .option("--inline", "собрать в этом процессе (без Redis и воркера); выход, когда живое поколение повреждено")
    .option("--full", "разобрать и векторизовать каждую книгу заново: ничего не брать повторно, не читать кэш векторов")
    .option("--wait", "через очередь: следить за прогоном до конца (код 0, только если опубликовано)")
    .option("--json", "вывести отчёт в JSON")
    .action((options: { inline?: boolean; full?: boolean; wait?: boolean; json?: boolean }) =>
      runIndexCommand("rebuild", async (context) => {
        const folder = context.config.BOOKS_DIR;
        const problem = booksFolderProblem(folder, { kind: "env", value: folder });
        if (problem) {
          // What was configured, not a fault of the service: a WARN line.
          process.stderr.write(`${problem}\n`);
          context.logger.warn(`index rebuild отклонён: ${problem}`);
          return 1;
        }
        const full = options.full === true;
        context.logger.info(
          `Пересборка индекса из ${folder} (${options.inline ? "в этом процессе" : "через очередь"}${full ? ", полная" : ""})`,
        );
        if (options.inline) {
          const { runInlineIngest } = await import("./ingest-inline.js");
          return runInlineIngest(context, { folder, json: options.json === true, full });
        }
        const live = context.store.liveId();
        // A full run takes nothing from the live generation, so a damaged one does not stand in its way.
        if (live && !full) {
          const check = await verifyGeneration(context.store.generationDir(live));
          if (!check.ok) {
            process.stderr.write(
              `Живое поколение ${live} повреждено (${describeFaults(check.faults)}). Воркер строит новое поколение ` +
                "поверх живого, поэтому обычная пересборка через очередь сейчас невозможна. Выполните:\n" +
                "  pnpm ai-library index rebuild --inline\n" +
                "или соберите всё заново через очередь: pnpm ai-library index rebuild --full, " +
                "или сначала верните исправное поколение: pnpm ai-library index rollback\n",
            );
            return 1;
          }
        }
        // Loaded here: BullMQ is only needed on the queued path.
        const { runQueuedIngest } = await import("./ingest-queue.js");
        return runQueuedIngest(context, { folder, wait: options.wait, json: options.json, force: true, full });
      }),
    );
}
