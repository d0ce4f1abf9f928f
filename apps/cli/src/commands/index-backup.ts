// `index backup [--to DIR] [--generation ID] [--keep N]`: packs the live (or named) generation
// into one self-checking archive, index_YYYYMMDD_HHMMSS.tar.gz in UTC, with a sha256 file
// beside it, then applies retention to that folder: the --keep (BACKUP_KEEP) newest archives
// stay, and so does the newest archive of the live and of the previous generation.
import { pruneBackups, writeGenerationBackup } from "@ai-library/shared/index";
import type { Command } from "commander";
import { formatBytes } from "../output/generation-table.js";
import { runIndexCommand } from "./index-command-runner.js";

const wholeNumber = (value: string) => Number.parseInt(value, 10);

export function registerIndexBackupCommand(index: Command): void {
  index
    .command("backup")
    .description("pack a verified generation into BACKUP_DIR/index_YYYYMMDD_HHMMSS.tar.gz and apply retention")
    .option("--to <dir>", "folder for the archive (default: BACKUP_DIR)")
    .option("--generation <id>", "back up this generation instead of the live one")
    .option("--keep <n>", "archives to keep in that folder (default: BACKUP_KEEP)", wholeNumber)
    .option("--json", "print the result as JSON")
    .action((options: { to?: string; generation?: string; keep?: number; json?: boolean }) =>
      runIndexCommand("backup", async ({ config, store, logger }) => {
        const keep = options.keep ?? config.BACKUP_KEEP;
        if (!Number.isInteger(keep) || keep < 1) {
          process.stderr.write("--keep must be a whole number ≥ 1\n");
          return 2;
        }
        const dir = options.to ?? config.BACKUP_DIR;
        const backup = await writeGenerationBackup(store, {
          dir,
          ...(options.generation ? { generationId: options.generation } : {}),
        });
        const retention = await pruneBackups(store, dir, keep);
        logger.info(`Backed up generation ${backup.header.generationId} to ${backup.file}`, {
          bytes: backup.bytes,
          removed: retention.removed,
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...backup, retention }, null, 2)}\n`);
          return 0;
        }
        const { header } = backup;
        const lines = [
          backup.file,
          `Резервная копия поколения ${header.generationId} (книг ${header.books}, фрагментов ${header.chunkCount}): ` +
            `${formatBytes(backup.bytes)}, проверена после записи.`,
          `Контрольная сумма: ${backup.checksumFile} (проверка: sha256sum -c).`,
          `Хранится копий: ${retention.kept.length}, удалено старых: ${retention.removed.length} (хранить ${keep} новейших, ` +
            "а также новейшие копии живого и предыдущего поколений).",
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
        return 0;
      }),
    );
}
