// `index restore FILE|DIR`: verifies a backup archive (or a generation folder, or picks the
// newest sound archive of a folder such as BACKUP_DIR) and publishes it as a NEW live
// generation; the previous live generation stays, so `index rollback` undoes the restore. The
// bots hear of it at once through the worker's Redis notice. What the old bot left (a bare
// .faiss file) is named and refused with the way forward.
import { restoreGeneration } from "@ai-library/shared/index";
import type { Command } from "commander";
import { pruneKeepingServed, servedByHostsLookup } from "../cluster/served-by-hosts.js";
import { resolveOperatorPath } from "../operator-path.js";
import { formatUndoHint } from "../output/undo-hint.js";
import { describeSwitchAnnouncement, startSwitchAnnouncer } from "./announce-live-switch.js";
import { expectedEmbedder, runIndexCommand } from "./index-command-runner.js";

export function registerIndexRestoreCommand(index: Command): void {
  index
    .command("restore")
    .description("проверить резервную копию (архив, папку поколения или новейший архив в папке) и сделать её живой")
    .argument(
      "<source>",
      "index_*.tar.gz, папка поколения или папка архивов (например data/backups); относительно текущего каталога",
    )
    .option("--json", "вывести результат в JSON")
    .action((source: string, options: { json?: boolean }) =>
      runIndexCommand("restore", async (context) => {
        const { store, config, logger } = context;
        const announcer = startSwitchAnnouncer(config);
        const result = await restoreGeneration(store, resolveOperatorPath(context.operatorCwd, source), {
          expectedEmbedder: await expectedEmbedder(context),
          backupDir: config.BACKUP_DIR,
          onSwitched: async (id) => void (await announcer.announce(id)),
        }).finally(() => announcer.close());
        const announced = announcer.outcome;
        // On several hosts a generation another host still serves is kept (served-by-hosts.ts).
        const pruned = await pruneKeepingServed(
          store,
          config.INDEX_KEEP_GENERATIONS,
          servedByHostsLookup(config),
          (line) => logger.warn(line),
        );
        logger.info(
          `Восстановлено из ${result.source} (поколение ${result.restoredFromId}) как живое поколение ${result.id}`,
          {
            previous: result.previousId,
            pruned,
            announced,
          },
        );
        if (options.json) {
          const { manifest, ...rest } = result;
          process.stdout.write(
            `${JSON.stringify({ ...rest, chunkCount: manifest.chunkCount, pruned, announced }, null, 2)}\n`,
          );
          return 0;
        }
        const lines = result.skipped.map((entry) => `Пропущена повреждённая копия ${entry.id}: ${entry.fault}`);
        lines.push(
          `Восстановлено из ${result.source} (поколение ${result.restoredFromId}, книг ${result.manifest.books.length}, ` +
            `фрагментов ${result.manifest.chunkCount}) как новое живое поколение ${result.id}.`,
          describeSwitchAnnouncement(announced, config.INDEX_POLL_SECONDS),
        );
        const undo = formatUndoHint(result.undo);
        if (undo) lines.push(undo);
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
