// Names of index backups in BACKUP_DIR: index_YYYYMMDD_HHMMSS.tar.gz in UTC (the old manual's
// index_YYYYMMDD_HHMMSS, as one archive), `_N` appended when two backups fall in one second,
// and a `sha256sum -c` checksum file beside each. Names sort in creation order.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const BACKUP_EXTENSION = ".tar.gz";
export const CHECKSUM_EXTENSION = ".sha256";
const BACKUP_NAME = /^index_\d{8}_\d{6}(?:_\d+)?\.tar\.gz$/;

/** index_YYYYMMDD_HHMMSS for `now`, in UTC. */
function backupStamp(now: Date): string {
  const iso = now.toISOString(); // 2024-05-01T12:34:56.789Z
  return `index_${iso.slice(0, 10).replace(/-/g, "")}_${iso.slice(11, 19).replace(/:/g, "")}`;
}

function isBackupFileName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

/** Archives in `dir`, oldest first (absolute paths); [] when the folder does not exist yet. */
export function listBackupFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(isBackupFileName)
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
    .map((name) => join(dir, name));
}

/** index_20240501_120000.tar.gz < index_20240501_120000_2.tar.gz < index_20240501_120000_10.tar.gz */
function sortKey(name: string): string {
  const match = /^index_(\d{8})_(\d{6})(?:_(\d+))?/.exec(name);
  return `${match?.[1]}${match?.[2]}${(match?.[3] ?? "0").padStart(6, "0")}`;
}

/** A path for a new archive that no existing backup uses. */
export function freeBackupPath(dir: string, now: Date): string {
  const stamp = backupStamp(now);
  for (let n = 1; ; n++) {
    const name = `${stamp}${n === 1 ? "" : `_${n}`}${BACKUP_EXTENSION}`;
    if (!existsSync(join(dir, name)) && !existsSync(join(dir, `${name}.partial`))) return join(dir, name);
  }
}
