// Backup retention: keep the BACKUP_KEEP newest archives, and never delete the newest archive
// of the live generation or of its predecessor, however old — those are the ones a rollback
// scenario needs. Leftovers of an interrupted backup (*.partial) older than a day
// are removed too; a younger one may belong to a backup running right now.
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { IndexStore } from "../generation/index-store.js";
import { readManifest } from "../generation/manifest.js";
import { readBackupHeader } from "./backup-header.js";
import { CHECKSUM_EXTENSION, listBackupFiles } from "./backup-names.js";

const LEFTOVER_AGE_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  kept: string[];
  removed: string[];
}

function protectedGenerationIds(store: IndexStore): Set<string> {
  const live = store.liveId();
  if (!live) return new Set();
  const read = readManifest(store.generationDir(live));
  return new Set([live, ...(read.ok && read.manifest.previousId ? [read.manifest.previousId] : [])]);
}

export async function pruneBackups(
  store: IndexStore,
  dir: string,
  keep: number,
  now: Date = new Date(),
): Promise<RetentionResult> {
  if (!existsSync(dir)) return { kept: [], removed: [] };
  const newestFirst = listBackupFiles(dir).reverse();
  const keepSet = new Set(newestFirst.slice(0, Math.max(1, keep)));
  const wanted = protectedGenerationIds(store);
  for (const file of newestFirst) {
    if (wanted.size === 0) break;
    const generationId = await readBackupHeader(file).then(
      (header) => header.generationId,
      () => undefined, // a damaged archive protects nothing
    );
    if (generationId && wanted.delete(generationId)) keepSet.add(file);
  }
  const removed = newestFirst.filter((file) => !keepSet.has(file));
  for (const file of removed) {
    rmSync(file, { force: true });
    rmSync(`${file}${CHECKSUM_EXTENSION}`, { force: true });
  }
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".partial")) continue;
    const path = join(dir, name);
    if (now.getTime() - statSync(path).mtimeMs > LEFTOVER_AGE_MS) {
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  return { kept: newestFirst.filter((file) => keepSet.has(file)), removed };
}
