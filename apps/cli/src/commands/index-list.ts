// `index list [--json]`: every generation with its date, books, chunks, embedder and size,
// and which one is live. Reads manifests only; `index check` verifies.
import { listGenerations } from "@ai-library/shared/index";
import type { Command } from "commander";
import { formatGenerationTable } from "../output/generation-table.js";
import { runIndexCommand } from "./index-command-runner.js";

export function registerIndexListCommand(index: Command): void {
  index
    .command("list")
    .description("поколения: дата, книги, фрагменты, векторизатор, размер; * — живое")
    .option("--json", "вывести {live, generations} в JSON")
    .action((options: { json?: boolean }) =>
      runIndexCommand("list", async ({ store }) => {
        const generations = listGenerations(store);
        const live = store.liveId();
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ live: live ?? null, generations: [...generations].reverse() }, null, 2)}\n`
            : `${formatGenerationTable(generations, live)}\n`,
        );
        return 0;
      }),
    );
}
