// `index backup`: packs one verified generation into BACKUP_DIR/index_YYYYMMDD_HHMMSS.tar.gz —
// backup.json first, then manifest.json and the data files — plus a `sha256sum -c` file.
// The archive is written as .partial, read back and verified, and only then renamed into
// place, so a file with the final name is always a complete, checked backup. The index is
// only read: the bot keeps answering throughout.
import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { create } from "tar";
import { fsyncPath, replaceFileAtomically, sha256File, writeFileDurably } from "../generation/durable-fs.js";
import { NoLiveGenerationError } from "../generation/errors.js";
import type { IndexStore } from "../generation/index-store.js";
import { MANIFEST_FILE } from "../generation/manifest.js";
import { describeFaults, verifyGeneration } from "../generation/verify-generation.js";
import { describeWriteFailure, prepareBackupDestination } from "./backup-destination.js";
import { BACKUP_FORMAT, BACKUP_HEADER_FILE, type BackupHeader } from "./backup-header.js";
import { CHECKSUM_EXTENSION, freeBackupPath } from "./backup-names.js";
import { BackupError } from "./ops-errors.js";
import { verifyBackupArchive } from "./verify-backup.js";

export interface BackupRequest {
  /** Folder for the archive (BACKUP_DIR or `--to`); created if missing, refused on a kernel filesystem. */
  dir: string;
  /** Where `dir` came from, for the advice when it is refused (default BACKUP_DIR). */
  dirSetting?: string;
  /** Generation to back up; default: the live one. */
  generationId?: string;
  now?: Date;
  /** gzip level 1–9; FAISS vectors hardly compress, so speed wins by default. */
  gzipLevel?: number;
}

export interface BackupInfo {
  file: string;
  checksumFile: string;
  bytes: number;
  sha256: string;
  header: BackupHeader;
}

export async function writeGenerationBackup(store: IndexStore, request: BackupRequest): Promise<BackupInfo> {
  const id = request.generationId ?? store.liveId();
  if (!id) throw new NoLiveGenerationError(store.dir);
  const generationDir = store.generationDir(id);
  const check = await verifyGeneration(generationDir);
  if (!check.ok || !check.manifest) {
    throw new BackupError(
      generationDir,
      `поколение ${id} не прошло проверку (${describeFaults(check.faults)}), поэтому копия не сделана`,
      "Сделайте копию исправного поколения: найдите его (pnpm ai-library index list, pnpm ai-library index check <id>) " +
        "и выполните pnpm ai-library index backup --generation <id>.",
    );
  }
  const manifest = check.manifest;
  const dir = prepareBackupDestination(request.dir, request.dirSetting ?? "BACKUP_DIR");
  const now = request.now ?? new Date();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    createdAt: now.toISOString(),
    generationId: id,
    generationCreatedAt: manifest.createdAt,
    books: manifest.books.length,
    chunkCount: manifest.chunkCount,
    embedder: manifest.embedder,
    files: {
      [MANIFEST_FILE]: {
        sha256: await sha256File(join(generationDir, MANIFEST_FILE)),
        bytes: statSync(join(generationDir, MANIFEST_FILE)).size,
      },
      ...manifest.files,
    },
  };
  const names = Object.keys(header.files);
  const file = freeBackupPath(dir, now);
  const partial = `${file}.partial`;
  // The header lives in a staging folder with links to the generation's files, so one tar
  // command packs both (tar follows the links: the archive holds the files themselves). It is
  // in the temp folder, not in `dir`: a backup disk (FAT, some network shares) may not do links.
  const staging = mkdtempSync(join(tmpdir(), "ai-library-backup-"));
  try {
    writeFileDurably(join(staging, BACKUP_HEADER_FILE), `${JSON.stringify(header, null, 2)}\n`);
    for (const name of names) symlinkSync(join(generationDir, name), join(staging, name));
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(
      create({ cwd: staging, gzip: { level: request.gzipLevel ?? 1 }, portable: true, follow: true }, [
        BACKUP_HEADER_FILE,
        ...names,
      ]),
      hashing,
      createWriteStream(partial),
    );
    fsyncPath(partial);
    await verifyBackupArchive(partial);
    renameSync(partial, file);
    const sha256 = hash.digest("hex");
    replaceFileAtomically(`${file}${CHECKSUM_EXTENSION}`, `${sha256}  ${basename(file)}\n`);
    return { file, checksumFile: `${file}${CHECKSUM_EXTENSION}`, bytes: statSync(file).size, sha256, header };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      file,
      `записать архив не удалось: ${describeWriteFailure(error)}`,
      `Проверьте каталог ${dir} (права: ls -ld ${dir}; место: df -h ${dir}) или укажите другой в ${request.dirSetting ?? "BACKUP_DIR"}.`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
