// Issue 19, item 2: what the old Python bot left behind — a bare FAISS file
// (~/backups/index_YYYYMMDD_HHMMSS.faiss, FAISS_PATH=./data/index.faiss) or LangChain's
// save_local folder — is named for what it is when given to `index restore`: vectors without
// texts, not a damaged archive, with the rebuild as the way forward. LIVE is never touched.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { restoreGeneration } from "../../src/index/index.js";
import { readOldFaissFile } from "../../src/index/operations/old-index-layout.js";
import { RestoreError } from "../../src/index/operations/ops-errors.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, GARDENING, generationFile, publishTexts } from "./text-library.js";

async function storeWithOldBackups() {
  const store = tempStore();
  const live = await publishTexts(store, [ASTRONOMY, GARDENING]);
  const backups = mkdtempSync(join(tmpdir(), "old-backups-"));
  // A real FAISS index file, as the old bot's `cp data/index.faiss ~/backups/index_….faiss` made.
  const oldFile = join(backups, "index_20240501_033000.faiss");
  copyFileSync(generationFile(store, live.id, "index.faiss"), oldFile);
  return { store, live, backups, oldFile };
}

describe("restore of the old bot's index files", () => {
  it("says a bare .faiss file holds vectors without texts and points to the rebuild, not 'damaged archive'", async () => {
    const { store, live, oldFile } = await storeWithOldBackups();
    expect(readOldFaissFile(oldFile)).toEqual({ vectors: 4, dims: 64 });
    const attempt = restoreGeneration(store, oldFile, { backupDir: "/srv/backups" });
    await expect(attempt).rejects.toBeInstanceOf(RestoreError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toContain(oldFile);
    expect(message).toContain("файл FAISS старого бота (векторов: 4, размерность 64)");
    expect(message).toContain("без текстов фрагментов");
    expect(message).toContain("pnpm ai-library index rebuild --inline");
    expect(message).toContain("Переход со старого формата");
    expect(message).not.toMatch(/damaged|truncated|повреждён/);
    expect(store.liveId()).toBe(live.id);
  });

  it("names a folder holding only old .faiss backups, and LangChain's index.faiss + index.pkl folder", async () => {
    const { store, live, backups } = await storeWithOldBackups();
    await expect(restoreGeneration(store, backups)).rejects.toThrow(
      /только файлы FAISS старого бота \(index_20240501_033000\.faiss\)[\s\S]*index rebuild --inline/,
    );
    const langchain = join(mkdtempSync(join(tmpdir(), "old-bot-")), "index.faiss");
    mkdirSync(langchain);
    copyFileSync(join(backups, "index_20240501_033000.faiss"), join(langchain, "index.faiss"));
    writeFileSync(join(langchain, "index.pkl"), Buffer.from([0x80, 0x04, 0x95]));
    await expect(restoreGeneration(store, langchain)).rejects.toThrow(/LangChain[\s\S]*index rebuild --inline/);
    expect(store.liveId()).toBe(live.id);
  });

  it("still calls a real damaged archive damaged, and names the configured BACKUP_DIR in the advice", async () => {
    const { store, backups } = await storeWithOldBackups();
    const broken = join(backups, "index_20240502_033000.tar.gz");
    writeFileSync(broken, Buffer.from("not a gzip stream at all"));
    const message = await restoreGeneration(store, broken, { backupDir: "/srv/backups" }).catch(
      (error: Error) => error.message,
    );
    expect(message).toMatch(/повреждён или обрезан/);
    expect(message).toContain("ls -l /srv/backups");
    expect(message).not.toContain("$BACKUP_DIR");
  });
});
