// `index restore FILE|DIR`: verifies a backup archive (or a generation folder, or picks the
// newest sound archive of a folder such as BACKUP_DIR) and publishes it as a NEW live
// generation; the previous live generation stays, so `index rollback` undoes the restore.
import { restoreGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

export function registerIndexRestoreCommand(index: Command): void {
  index
    .command("restore")
    .description("verify a backup (archive, generation folder, or the newest archive in a folder) and make it live")
    .argument("<source>", "index_*.tar.gz, a generation folder, or a folder of archives (e.g. data/backups)")
    .option("--json", "print the result as JSON")
    .action((source: string, options: { json?: boolean }) =>
      runIndexCommand("restore", async (context) => {
        const { store, config, logger } = context;
        const result = await restoreGeneration(store, source, { expectedEmbedder: await expectedEmbedder(context) });
        const pruned = store.prune(config.INDEX_KEEP_GENERATIONS);
        logger.info(`Restored ${result.source} (generation ${result.restoredFromId}) as live generation ${result.id}`, {
          previous: result.previousId,
          pruned,
        });
        if (options.json) {
          const { manifest, ...rest } = result;
          process.stdout.write(`${JSON.stringify({ ...rest, chunkCount: manifest.chunkCount, pruned }, null, 2)}\n`);
          return 0;
        }
        const lines = result.skipped.map((entry) => `Пропущена повреждённая копия ${entry.id}: ${entry.fault}`);
        lines.push(
          `Восстановлено из ${result.source} (поколение ${result.restoredFromId}, книг ${result.manifest.books.length}, ` +
            `фрагментов ${result.manifest.chunkCount}) как новое живое поколение ${result.id}.`,
          `Бот переключится сам в течение ${config.INDEX_POLL_SECONDS} с, без перезапуска. ` +
            `Отменить: pnpm ai-library index rollback (вернёт ${result.previousId ?? "—"}).`,
        );
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
