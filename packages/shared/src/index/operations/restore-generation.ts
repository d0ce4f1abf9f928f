// `index restore FILE|DIR`: brings a backed-up generation back as a NEW generation and makes
// it live — never overwriting anything. Under the publish lock: unpack (or copy) into a temp
// folder, give the manifest a fresh id and the current live generation as its predecessor,
// verify everything, rename into generations/ and flip LIVE. The bot follows without a
// restart; `index rollback` undoes the restore.
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { extract } from "tar";
import { fsyncPath, sha256File, writeFileDurably } from "../generation/durable-fs.js";
import { type IndexStore, newGenerationId, PUBLISH_LOCK_FILE, TEMP_PREFIX } from "../generation/index-store.js";
import { type GenerationManifest, MANIFEST_FILE, readManifest, sealManifest } from "../generation/manifest.js";
import { acquirePublishLock } from "../generation/publish-lock.js";
import { describeFaults, type EmbedderExpectation, verifyGeneration } from "../generation/verify-generation.js";
import { BACKUP_HEADER_FILE } from "./backup-header.js";
import { RestoreError, restoreAdvice, type SkippedGeneration } from "./ops-errors.js";
import { type RestoreSource, resolveRestoreSource } from "./restore-source.js";
import { soundUndoTarget, type UndoTarget } from "./undo-target.js";
import { isPlainEntryName } from "./verify-backup.js";

export interface RestoreRequest {
  expectedEmbedder?: EmbedderExpectation;
  /** BACKUP_DIR, named in the advice when the restore is refused. */
  backupDir?: string;
  /** Called once LIVE points at the restored generation, before the slower checks for the result (tell the bots). */
  onSwitched?: (generationId: string) => Promise<void>;
  now?: Date;
}

export interface RestoreResult {
  id: string;
  previousId: string | undefined;
  /** The archive or folder actually restored (for a folder of archives: the newest sound one). */
  source: string;
  /** The generation id the backup was taken of. */
  restoredFromId: string;
  manifest: GenerationManifest;
  /** Newer archives passed over because they failed verification. */
  skipped: SkippedGeneration[];
  /** Whether `previousId` can be switched back to (a restore after corruption usually replaces a damaged one). */
  undo: UndoTarget;
}

async function unpackInto(source: RestoreSource, temp: string): Promise<void> {
  if (source.kind === "archive") {
    await extract({
      file: source.path,
      cwd: temp,
      strict: true,
      filter: (path) => path !== BACKUP_HEADER_FILE && isPlainEntryName(path),
    });
    // The archive was verified before the lock; prove the manifest we unpacked is that one.
    const want = source.header.files[MANIFEST_FILE];
    if ((await sha256File(join(temp, MANIFEST_FILE))) !== want?.sha256) {
      throw new Error(`${MANIFEST_FILE} изменился после проверки архива`);
    }
    return;
  }
  const read = readManifest(source.path);
  if (!read.ok) throw new Error(read.fault);
  for (const name of [MANIFEST_FILE, ...Object.keys(read.manifest.files)]) {
    if (!isPlainEntryName(name)) throw new Error(`${MANIFEST_FILE} называет недопустимый файл ${JSON.stringify(name)}`);
    copyFileSync(join(source.path, name), join(temp, name));
  }
}

/** Gives the unpacked manifest its new identity; every other field (file checksums included) is kept, and it is sealed anew. */
function reidentify(temp: string, id: string, previousId: string | undefined, now: Date): string {
  const raw = JSON.parse(readFileSync(join(temp, MANIFEST_FILE), "utf8")) as Record<string, unknown>;
  const originalId = String(raw.id);
  raw.id = id;
  raw.createdAt = now.toISOString();
  if (previousId) raw.previousId = previousId;
  else delete raw.previousId;
  writeFileDurably(join(temp, MANIFEST_FILE), sealManifest(raw));
  return originalId;
}

export async function restoreGeneration(
  store: IndexStore,
  from: string,
  request: RestoreRequest = {},
): Promise<RestoreResult> {
  const source = await resolveRestoreSource(from, request.backupDir ? { backupDir: request.backupDir } : {});
  const release = acquirePublishLock(join(store.dir, PUBLISH_LOCK_FILE));
  const now = request.now ?? new Date();
  const id = newGenerationId(now);
  const temp = join(store.dir, `${TEMP_PREFIX}${id}`);
  let restored: Omit<RestoreResult, "undo">;
  try {
    mkdirSync(temp);
    await unpackInto(source, temp);
    const previousId = store.liveId();
    const restoredFromId = reidentify(temp, id, previousId, now);
    const embedderOption = request.expectedEmbedder ? { expectedEmbedder: request.expectedEmbedder } : {};
    const check = await verifyGeneration(temp, { expectedId: id, ...embedderOption });
    if (!check.ok || !check.manifest)
      throw new Error(`восстановленное поколение не прошло проверку: ${describeFaults(check.faults)}`);
    for (const name of [MANIFEST_FILE, ...Object.keys(check.manifest.files)]) fsyncPath(join(temp, name));
    fsyncPath(temp);
    const finalDir = store.generationDir(id);
    renameSync(temp, finalDir);
    fsyncPath(dirname(finalDir));
    store.setLive(id);
    restored = {
      id,
      previousId,
      source: source.path,
      restoredFromId,
      manifest: check.manifest,
      skipped: source.kind === "archive" ? source.skipped : [],
    };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error instanceof RestoreError
      ? error
      : new RestoreError(source.path, (error as Error).message, restoreAdvice(request.backupDir));
  } finally {
    release();
  }
  await request.onSwitched?.(restored.id);
  const embedderOption = request.expectedEmbedder ? { expectedEmbedder: request.expectedEmbedder } : {};
  return { ...restored, undo: await soundUndoTarget(store, restored.previousId, embedderOption) };
}
