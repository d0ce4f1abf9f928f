// `index backup [--to DIR] [--generation ID] [--keep N]`: packs the live (or named) generation
// into one self-checking archive, index_YYYYMMDD_HHMMSS.tar.gz in UTC, with a sha256 file
// beside it, then applies retention to that folder: the --keep (BACKUP_KEEP) newest archives
// stay, and so does the newest archive of the live and of the previous generation. --to is
// meant from the operator's folder; a kernel filesystem (/proc, /sys, /dev) is refused before
// anything is written.
import { dirname } from "node:path";
import { pruneBackups, writeGenerationBackup } from "@ai-library/shared/index";
import type { Command } from "commander";
import { resolveOperatorPath } from "../operator-path.js";
import { formatBytes } from "../output/generation-table.js";
import { runIndexCommand } from "./index-command-runner.js";

const wholeNumber = (value: string) => Number.parseInt(value, 10);

export function registerIndexBackupCommand(index: Command): void {
  index
    .command("backup")
    .description(
      "упаковать проверенное поколение в BACKUP_DIR/index_YYYYMMDD_HHMMSS.tar.gz и удалить лишние старые копии",
    )
    .option("--to <dir>", "каталог для архива, относительно текущего каталога (по умолчанию BACKUP_DIR)")
    .option("--generation <id>", "сохранить это поколение вместо живого")
    .option("--keep <n>", "сколько архивов хранить в этом каталоге (по умолчанию BACKUP_KEEP)", wholeNumber)
    .option("--json", "вывести результат в JSON")
    .action((options: { to?: string; generation?: string; keep?: number; json?: boolean }) =>
      runIndexCommand("backup", async (context) => {
        const { config, store, logger } = context;
        const keep = options.keep ?? config.BACKUP_KEEP;
        if (!Number.isInteger(keep) || keep < 1) {
          process.stderr.write("--keep: укажите целое число хранимых копий, не меньше 1 (например --keep 30).\n");
          return 2;
        }
        const backup = await writeGenerationBackup(store, {
          dir: options.to ? resolveOperatorPath(context.operatorCwd, options.to) : config.BACKUP_DIR,
          dirSetting: options.to ? "--to" : "BACKUP_DIR",
          ...(options.generation ? { generationId: options.generation } : {}),
        });
        const retention = await pruneBackups(store, dirname(backup.file), keep);
        logger.info(`Резервная копия поколения ${backup.header.generationId} записана в ${backup.file}`, {
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
