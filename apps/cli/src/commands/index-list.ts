// `index list [--json]`: every generation with its date, books, chunks, embedder and size,
// and which one is live. Reads manifests only; `index check` verifies. On a multi-host
// deployment (CLUSTER_TOKEN set) also which host serves which generation, from Redis.
import { listGenerations } from "@ai-library/shared/index";
import type { Command } from "commander";
import { readHostsView } from "../cluster/hosts-view.js";
import { formatGenerationTable } from "../output/generation-table.js";
import { formatHostTable } from "../output/host-table.js";
import { runIndexCommand } from "./index-command-runner.js";

export function registerIndexListCommand(index: Command): void {
  index
    .command("list")
    .description("поколения: дата, книги, фрагменты, векторизатор, размер; * — живое; хосты и их поколения")
    .option("--json", "вывести {live, generations[, hosts]} в JSON")
    .action((options: { json?: boolean }) =>
      runIndexCommand("list", async ({ store, config }) => {
        const generations = listGenerations(store);
        const live = store.liveId();
        const hosts = config.CLUSTER_TOKEN ? await readHostsView(config) : undefined;
        if (options.json) {
          const json = { live: live ?? null, generations: [...generations].reverse(), ...(hosts ? { hosts } : {}) };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
          return 0;
        }
        const lines = [formatGenerationTable(generations, live)];
        if (hosts) lines.push("", formatHostTable(hosts));
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
