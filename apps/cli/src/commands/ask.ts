// `ask "question" [--json] [--k N]`: answers from the live generation, the same way the bot does.

import { createAnswererFromConfig } from "@ai-library/shared/answer";
import { closeLogger } from "@ai-library/shared/logging";
import { createLiveLibrary, type LiveLibrary, retrievalSettingsFromConfig } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import type { Command } from "commander";
import { createCliContext } from "../context.js";
import { formatAnswerForTerminal, toAskJson } from "../output/answer-output.js";

export function registerAskCommand(program: Command): void {
  program
    .command("ask")
    .description("ответить на вопрос по живому индексу, с источниками")
    .argument("<question...>", "вопрос")
    .option("--json", "вывести {answer, sources} в JSON")
    .option("--k <n>", "сколько фрагментов найти", (value) => Number.parseInt(value, 10), 5)
    .action(async (words: string[], options: { json?: boolean; k: number }) => {
      const context = createCliContext();
      const question = words.join(" ").trim();
      if (!Number.isInteger(options.k) || options.k < 1 || options.k > 100) {
        console.error("--k: укажите целое число от 1 до 100 (например --k 5).");
        process.exitCode = 2;
        return;
      }
      let library: LiveLibrary | undefined;
      try {
        library = createLiveLibrary({
          store: context.store,
          embedder: await context.embedder(),
          logger: context.logger,
          retrieval: retrievalSettingsFromConfig(context.config),
        });
        const loaded = await library.reloadIfChanged();
        if (loaded.status === "empty" || (loaded.status === "refused" && !library.current())) {
          const why = loaded.status === "refused" ? loaded.reason : "индекс ещё не опубликован";
          console.error(
            `Индекс библиотеки недоступен: ${why}. Выполните: pnpm ai-library ingest --folder data/books --inline`,
          );
          process.exitCode = 1;
          return;
        }
        const language = detectLanguage(question);
        // Not «Запрос от пользователя»: that line counts the bot's users (docs/OPS.md, section 1).
        context.logger.info(
          `Вопрос из командной строки (ai-library ask): ${question.replace(/\s+/g, " ").slice(0, 200)}`,
        );
        const { passages } = await library.search(question, options.k);
        const answerer = createAnswererFromConfig(context.config, { logger: context.logger });
        const answer = await answerer.answer(question, passages, { language });
        process.stdout.write(
          options.json ? `${JSON.stringify(toAskJson(answer, passages), null, 2)}\n` : formatAnswerForTerminal(answer),
        );
      } catch (error) {
        process.stderr.write(`Ответ не получен: ${(error as Error).message}\n`);
        await context.reportFailure("команда ask не выполнена", error);
        process.exitCode = 1;
      } finally {
        library?.close();
        await closeLogger(context.logger);
      }
    });
}
