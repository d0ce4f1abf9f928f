// What `index restore FILE|DIR` restores from: a backup archive; a generation folder (one with
// manifest.json, e.g. copied from another machine or an unpacked archive); or a folder of
// archives such as BACKUP_DIR, meaning "the newest archive in it that verifies" — the old
// manual's `ls -t ~/backups/index_* | head -1`, minus the risk of restoring a damaged one.
// What the old bot left (a bare .faiss file, a LangChain folder) is named as such and refused.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { asOperatorInput } from "../../error-reporting/operator-input.js";
import { MANIFEST_FILE } from "../generation/manifest.js";
import type { BackupHeader } from "./backup-header.js";
import { listBackupFiles } from "./backup-names.js";
import {
  describeOldFaissFile,
  isLangChainFaissFolder,
  OLD_LAYOUT_ADVICE,
  readOldFaissFile,
} from "./old-index-layout.js";
import { BackupError, RestoreError, restoreAdvice, type SkippedGeneration } from "./ops-errors.js";
import { verifyBackupArchive } from "./verify-backup.js";

export type RestoreSource =
  | { kind: "archive"; path: string; header: BackupHeader; skipped: SkippedGeneration[] }
  | { kind: "generation-dir"; path: string };

export interface RestoreSourceOptions {
  /** BACKUP_DIR, named in the advice when a source is refused. */
  backupDir?: string;
}

const faultOf = (error: unknown) => (error instanceof BackupError ? error.fault : (error as Error).message);

/** `source` relative to this process's folder; the CLI passes it resolved against the operator's folder. */
export async function resolveRestoreSource(source: string, options: RestoreSourceOptions = {}): Promise<RestoreSource> {
  const path = resolve(source);
  const advice = restoreAdvice(options.backupDir);
  // What the operator pointed at is not a backup at all (a typo, an old file, the wrong folder): not a
  // fault of the service — a WARN line in the log, nothing sent to Sentry. A damaged archive is a fault.
  if (!existsSync(path)) throw asOperatorInput(new RestoreError(path, "нет такого файла или каталога", advice));
  if (statSync(path).isFile()) {
    const old = readOldFaissFile(path);
    if (old) throw asOperatorInput(new RestoreError(path, describeOldFaissFile(old), OLD_LAYOUT_ADVICE));
    try {
      return { kind: "archive", path, header: await verifyBackupArchive(path), skipped: [] };
    } catch (error) {
      throw new RestoreError(path, faultOf(error), advice);
    }
  }
  if (existsSync(join(path, MANIFEST_FILE))) return { kind: "generation-dir", path };
  if (isLangChainFaissFolder(path)) {
    throw asOperatorInput(
      new RestoreError(
        path,
        "это каталог индекса старого бота (index.faiss и index.pkl от LangChain), а не поколение и не каталог архивов; " +
          "тексты фрагментов в нём лежат в формате Python pickle, который этот бот не читает",
        OLD_LAYOUT_ADVICE,
      ),
    );
  }
  const archives = listBackupFiles(path).reverse();
  if (archives.length === 0) {
    const oldFiles = readdirSync(path).filter((name) => name.endsWith(".faiss"));
    if (oldFiles.length > 0) {
      throw asOperatorInput(
        new RestoreError(
          path,
          `в каталоге нет архивов index_*.tar.gz, только файлы FAISS старого бота (${oldFiles.slice(0, 3).join(", ")}` +
            `${oldFiles.length > 3 ? ", …" : ""}); в них только векторы, без текстов фрагментов`,
          OLD_LAYOUT_ADVICE,
        ),
      );
    }
    throw asOperatorInput(
      new RestoreError(path, `в каталоге нет ни ${MANIFEST_FILE}, ни архивов index_*.tar.gz`, advice),
    );
  }
  const skipped: SkippedGeneration[] = [];
  for (const archive of archives) {
    try {
      return { kind: "archive", path: archive, header: await verifyBackupArchive(archive), skipped };
    } catch (error) {
      skipped.push({ id: archive, fault: faultOf(error) });
    }
  }
  throw new RestoreError(
    path,
    `ни один из ${archives.length} архивов не прошёл проверку: ${skipped.map((entry) => `${entry.id}: ${entry.fault}`).join("; ")}`,
    advice,
  );
}
