// Backups as one self-checking archive: names, verification with real `sha256sum` and `tar`,
// refusal of damaged archives and generations, restore choices, and retention.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  listBackupFiles,
  pruneBackups,
  restoreGeneration,
  rollbackLiveGeneration,
  writeGenerationBackup,
} from "../../src/index/index.js";
import { BackupError, RestoreError } from "../../src/index/operations/ops-errors.js";
import { verifyBackupArchive } from "../../src/index/operations/verify-backup.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, corruptFile, GARDENING, generationFile, publishTexts } from "./text-library.js";

const backupDir = () => mkdtempSync(join(tmpdir(), "backups-"));
const at = (iso: string) => new Date(iso);

/**
 * The archive with one byte flipped, from its middle on, where the flip changes what the archive
 * holds. Some flips change nothing read back — a back-reference moved inside a run of zeros
 * (SQLite pages are full of them) still copies zeros — and are no damage to detect.
 */
function flipFromMiddle(archive: Buffer): Buffer {
  const content = gunzipSync(archive);
  for (let at = Math.floor(archive.length / 2); at < archive.length; at++) {
    const bytes = Buffer.from(archive);
    bytes[at] = (bytes[at] ?? 0) ^ 0x55;
    try {
      if (!gunzipSync(bytes).equals(content)) return bytes;
    } catch {
      return bytes;
    }
  }
  throw new Error("no byte of the archive's second half changes what it holds");
}

describe("index backups", () => {
  it("packs the live generation into index_YYYYMMDD_HHMMSS.tar.gz (UTC) that sha256sum and tar accept", async () => {
    const store = tempStore();
    const live = await publishTexts(store, [ASTRONOMY, GARDENING]);
    const dir = backupDir();
    const backup = await writeGenerationBackup(store, { dir, now: at("2024-05-01T21:07:09.500+03:00") });
    expect(basename(backup.file)).toBe("index_20240501_180709.tar.gz");
    expect(backup.header).toMatchObject({ generationId: live.id, books: 2, chunkCount: 4 });
    expect(execFileSync("sha256sum", ["-c", basename(backup.checksumFile)], { cwd: dir, encoding: "utf8" })).toContain(
      "index_20240501_180709.tar.gz: OK",
    );
    const entries = execFileSync("tar", ["-tzf", backup.file], { encoding: "utf8" }).trim().split("\n");
    expect(entries[0]).toBe("backup.json");
    expect(entries.sort()).toEqual(["backup.json", "docstore.bin", "index.faiss", "keywords.bin", "manifest.json"]);
    expect((await verifyBackupArchive(backup.file)).generationId).toBe(live.id);
    // A second backup in the same second gets its own name; no partial or staging files remain.
    const again = await writeGenerationBackup(store, { dir, now: at("2024-05-01T18:07:09Z") });
    expect(basename(again.file)).toBe("index_20240501_180709_2.tar.gz");
    expect(readdirSync(dir).sort()).toEqual([
      "index_20240501_180709.tar.gz",
      "index_20240501_180709.tar.gz.sha256",
      "index_20240501_180709_2.tar.gz",
      "index_20240501_180709_2.tar.gz.sha256",
    ]);
  });

  it("refuses to back up a damaged generation, naming the file", async () => {
    const store = tempStore();
    const live = await publishTexts(store, [ASTRONOMY]);
    corruptFile(generationFile(store, live.id, "docstore.bin"));
    const dir = backupDir();
    await expect(writeGenerationBackup(store, { dir })).rejects.toThrow(/docstore\.bin.*копия не сделана/);
    expect(listBackupFiles(dir)).toEqual([]);
  });

  it("detects a flipped byte and a truncated archive", async () => {
    const store = tempStore();
    await publishTexts(store, [ASTRONOMY, GARDENING]);
    const dir = backupDir();
    const flipped = await writeGenerationBackup(store, { dir, now: at("2024-01-01T00:00:00Z") });
    writeFileSync(flipped.file, flipFromMiddle(readFileSync(flipped.file)));
    await expect(verifyBackupArchive(flipped.file)).rejects.toBeInstanceOf(BackupError);
    const truncated = await writeGenerationBackup(store, { dir, now: at("2024-01-02T00:00:00Z") });
    truncateSync(truncated.file, Math.floor(readFileSync(truncated.file).length * 0.6));
    await expect(verifyBackupArchive(truncated.file)).rejects.toThrow(/повреждён или обрезан|отсутствует в архиве/);
    await expect(restoreGeneration(store, truncated.file)).rejects.toBeInstanceOf(RestoreError);
  });

  it("restores from a folder of archives: the newest that verifies, skipping a damaged newer one", async () => {
    const store = tempStore();
    const astronomy = await publishTexts(store, [ASTRONOMY]);
    const dir = backupDir();
    await writeGenerationBackup(store, { dir, now: at("2024-02-01T00:00:00Z") });
    await publishTexts(store, [GARDENING]);
    const newer = await writeGenerationBackup(store, { dir, now: at("2024-02-02T00:00:00Z") });
    truncateSync(newer.file, 200);
    const restored = await restoreGeneration(store, dir);
    expect(restored.restoredFromId).toBe(astronomy.id);
    expect(restored.skipped.map((entry) => entry.id)).toEqual([newer.file]);
    expect(store.liveId()).toBe(restored.id);
  });

  it("restores from a generation folder, and refuses a damaged one leaving LIVE and the store untouched", async () => {
    const source = tempStore();
    const copied = await publishTexts(source, [GARDENING]);
    const store = tempStore();
    const live = await publishTexts(store, [ASTRONOMY]);
    const restored = await restoreGeneration(store, source.generationDir(copied.id));
    expect(restored).toMatchObject({ restoredFromId: copied.id, previousId: live.id });
    expect(store.liveId()).toBe(restored.id);

    corruptFile(generationFile(source, copied.id, "index.faiss"));
    await expect(restoreGeneration(store, source.generationDir(copied.id))).rejects.toThrow(/index\.faiss/);
    expect(store.liveId()).toBe(restored.id);
    expect(readdirSync(store.dir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    expect(store.list()).toHaveLength(2);
  });

  it("keeps BACKUP_KEEP newest archives plus the newest of the live and previous generations", async () => {
    const store = tempStore();
    const dir = backupDir();
    const g1 = await publishTexts(store, [ASTRONOMY]);
    const b1 = await writeGenerationBackup(store, { dir, now: at("2024-03-01T00:00:00Z") });
    await publishTexts(store, [GARDENING]);
    const b2 = await writeGenerationBackup(store, { dir, now: at("2024-03-02T00:00:00Z") });
    const g3 = await publishTexts(store, [ASTRONOMY, GARDENING]);
    const b3 = await writeGenerationBackup(store, { dir, now: at("2024-03-03T00:00:00Z") });
    await publishTexts(store, [GARDENING, ASTRONOMY]);
    const b4 = await writeGenerationBackup(store, { dir, now: at("2024-03-04T00:00:00Z") });
    const b5 = await writeGenerationBackup(store, { dir, now: at("2024-03-05T00:00:00Z") });

    // Live g4 (b4, b5 — the two newest), previous g3 (b3 protected); b1, b2 go.
    const first = await pruneBackups(store, dir, 2);
    expect(first.kept).toEqual([b5.file, b4.file, b3.file]);
    expect(first.removed.sort()).toEqual([b1.file, b2.file].sort());
    expect(existsSync(b1.checksumFile)).toBe(false);

    await rollbackLiveGeneration(store, { to: g3.id });
    await rollbackLiveGeneration(store, { to: g1.id });
    const b6 = await writeGenerationBackup(store, { dir, now: at("2024-03-06T00:00:00Z") });
    // Live g1 (b6 newest), no predecessor: keep b6 and b5 only.
    const second = await pruneBackups(store, dir, 2);
    expect(second.kept).toEqual([b6.file, b5.file]);
    expect(listBackupFiles(dir)).toEqual([b5.file, b6.file]);
  });
});
