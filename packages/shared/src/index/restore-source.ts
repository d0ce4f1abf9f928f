// What `index restore FILE|DIR` restores from: a backup archive; a generation folder (one with
// manifest.json, e.g. copied from another machine or an unpacked archive); or a folder of
// archives such as BACKUP_DIR, meaning "the newest archive in it that verifies" — the old
// manual's `ls -t ~/backups/index_* | head -1`, minus the risk of restoring a damaged one.
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { asOperatorInput } from "../error-reporting/operator-input.js";
import type { BackupHeader } from "./backup-header.js";
import { listBackupFiles } from "./backup-names.js";
import { MANIFEST_FILE } from "./manifest.js";
import { BackupError, RestoreError, type SkippedGeneration } from "./ops-errors.js";
import { verifyBackupArchive } from "./verify-backup.js";

export type RestoreSource =
  | { kind: "archive"; path: string; header: BackupHeader; skipped: SkippedGeneration[] }
  | { kind: "generation-dir"; path: string };

export async function resolveRestoreSource(source: string): Promise<RestoreSource> {
  const path = resolve(source);
  // The operator's typo, not a fault: a WARN line in the log, nothing sent to Sentry.
  if (!existsSync(path)) throw asOperatorInput(new RestoreError(source, "no such file or folder"));
  if (statSync(path).isFile()) {
    try {
      return { kind: "archive", path, header: await verifyBackupArchive(path), skipped: [] };
    } catch (error) {
      throw new RestoreError(source, error instanceof BackupError ? error.fault : (error as Error).message);
    }
  }
  if (existsSync(join(path, MANIFEST_FILE))) return { kind: "generation-dir", path };
  const archives = listBackupFiles(path).reverse();
  if (archives.length === 0) {
    throw new RestoreError(source, `the folder holds neither ${MANIFEST_FILE} nor index_*.tar.gz backups`);
  }
  const skipped: SkippedGeneration[] = [];
  for (const archive of archives) {
    try {
      return { kind: "archive", path: archive, header: await verifyBackupArchive(archive), skipped };
    } catch (error) {
      skipped.push({ id: archive, fault: error instanceof BackupError ? error.fault : (error as Error).message });
    }
  }
  throw new RestoreError(
    source,
    `none of its ${archives.length} archives verifies: ${skipped.map((entry) => `${entry.id}: ${entry.fault}`).join("; ")}`,
  );
}
