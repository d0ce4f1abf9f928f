// `index check [ID] [--all] [--json]`: verifies a generation (default: the live one) —
// manifest schema, file sizes and SHA-256, FAISS ntotal = chunk count, dims = embedder dims,
// docstore readable and complete, embedder = the one this deployment queries with.
// Exit 0 when sound, 1 with every fault named (file first), 2 when there is nothing to check.
import { type GenerationVerification, verifyGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { formatCheckReport } from "../output/check-report.js";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

export function registerIndexCheckCommand(index: Command): void {
  index
    .command("check")
    .description("проверить поколение (по умолчанию живое); код 1 и список всех неисправностей")
    .argument("[id]", "id поколения (см. `index list`)")
    .option("--all", "проверить все поколения")
    .option("--json", "вывести результаты в JSON")
    .action((id: string | undefined, options: { all?: boolean; json?: boolean }) =>
      runIndexCommand("check", async (context) => {
        const { store } = context;
        const live = store.liveId();
        const target = id ?? live;
        const ids = options.all ? store.list().map((entry) => entry.id) : target ? [target] : [];
        if (ids.length === 0) {
          process.stderr.write(
            "Проверять нечего: индекс ещё не собран (pnpm ai-library ingest --folder data/books --inline).\n",
          );
          return 2;
        }
        const known = new Set(store.list().map((entry) => entry.id));
        const expected = await expectedEmbedder(context);
        const checks: GenerationVerification[] = [];
        for (const each of ids) {
          if (!known.has(each) && each !== live) {
            process.stderr.write(
              `Поколения ${each} нет в ${store.dir}/generations. Список: pnpm ai-library index list\n`,
            );
            return 2;
          }
          checks.push(await verifyGeneration(store.generationDir(each), { expectedEmbedder: expected }));
        }
        if (options.json) {
          const rows = checks.map(({ id: each, ok, faults }) => ({ id: each, live: each === live, ok, faults }));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else {
          process.stdout.write(`${checks.map((check) => formatCheckReport(check, check.id === live)).join("\n\n")}\n`);
        }
        for (const damaged of checks.filter((check) => !check.ok)) {
          context.logger.error(`index check: поколение ${damaged.id} повреждено`, { faults: damaged.faults });
        }
        return checks.every((check) => check.ok) ? 0 : 1;
      }),
    );
}
