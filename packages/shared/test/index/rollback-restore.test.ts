// The operator's recovery path end to end at library level, with real FAISS and SQLite:
// back up → the live generation gets corrupted → the check names the file → the library keeps
// answering from memory → rollback → the library serves the previous generation without a
// restart and without a failed search → restore the backup as a new live generation.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PublishLockedError } from "../../src/index/generation/errors.js";
import { acquirePublishLock } from "../../src/index/generation/publish-lock.js";
import {
  restoreGeneration,
  rollbackLiveGeneration,
  verifyGeneration,
  writeGenerationBackup,
} from "../../src/index/index.js";
import { RollbackError } from "../../src/index/operations/ops-errors.js";
import { createLiveLibrary } from "../../src/retrieval/index.js";
import { quietLogger } from "../embeddings/quiet-logger.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, corruptFile, embedder, GARDENING, generationFile, publishTexts } from "./text-library.js";

const titlesFound = async (library: ReturnType<typeof createLiveLibrary>, question: string) =>
  (await library.search(question, 2)).passages.map((passage) => passage.title);

describe("rollback and restore of index generations", () => {
  it("survives corruption of the live generation: check, rollback, restore — with no failed search", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [ASTRONOMY, GARDENING]);
    const library = createLiveLibrary({ store, embedder, logger: quietLogger() });
    expect(await library.reloadIfChanged()).toMatchObject({ status: "loaded", id: second.id });
    const backups = mkdtempSync(join(tmpdir(), "backups-"));
    const backup = await writeGenerationBackup(store, { dir: backups });

    corruptFile(generationFile(store, second.id, "index.faiss"));
    const check = await verifyGeneration(store.generationDir(second.id));
    expect(check.ok).toBe(false);
    expect(check.faults.map((fault) => fault.file)).toContain("index.faiss");
    // The generation in memory is intact: the library keeps answering from it.
    expect(await titlesFound(library, "how much sunlight do tomatoes need")).toContain("Gardening");
    expect(await library.reloadIfChanged()).toMatchObject({ status: "unchanged", id: second.id });

    const rolledBack = await rollbackLiveGeneration(store, { expectedEmbedder: embedder.identity });
    expect(rolledBack).toMatchObject({ fromId: second.id, toId: first.id, skipped: [] });
    expect(rolledBack.undo).toMatchObject({ status: "damaged", id: second.id });
    expect(store.liveId()).toBe(first.id);
    // Searches running while the library swaps generations all succeed.
    const during = Array.from({ length: 20 }, () => library.search("rings of Saturn", 1));
    const swap = library.reloadIfChanged();
    const results = await Promise.allSettled([...during, swap]);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(await swap).toMatchObject({ status: "loaded", id: first.id, previousId: second.id });
    expect(await titlesFound(library, "how much sunlight do tomatoes need")).not.toContain("Gardening");

    const restored = await restoreGeneration(store, backup.file, { expectedEmbedder: embedder.identity });
    expect(restored).toMatchObject({ previousId: first.id, restoredFromId: second.id, source: backup.file });
    expect([first.id, second.id]).not.toContain(restored.id);
    expect(store.liveId()).toBe(restored.id);
    expect(restored.manifest).toMatchObject({ id: restored.id, previousId: first.id, chunkCount: 4 });
    expect(await library.reloadIfChanged()).toMatchObject({ status: "loaded", id: restored.id });
    expect(await titlesFound(library, "how much sunlight do tomatoes need")).toContain("Gardening");
    expect(readdirSync(store.dir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    library.close();
  });

  it("skips a damaged predecessor and rolls back to the newest older generation that verifies", async () => {
    const store = tempStore();
    const oldest = await publishTexts(store, [ASTRONOMY]);
    const middle = await publishTexts(store, [GARDENING]);
    const newest = await publishTexts(store, [ASTRONOMY, GARDENING]);
    corruptFile(generationFile(store, middle.id, "docstore.bin"));
    const result = await rollbackLiveGeneration(store);
    expect(result.fromId).toBe(newest.id);
    expect(result.toId).toBe(oldest.id);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.id).toBe(middle.id);
    expect(result.skipped[0]?.fault).toContain("docstore.bin");
  });

  it("refuses a named damaged generation, an unknown one, and a rollback with nothing else; LIVE stays", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    await expect(rollbackLiveGeneration(store)).rejects.toThrow(/других поколений нет/);
    const second = await publishTexts(store, [GARDENING]);
    corruptFile(generationFile(store, first.id, "index.faiss"));
    const named = rollbackLiveGeneration(store, { to: first.id });
    await expect(named).rejects.toBeInstanceOf(RollbackError);
    await expect(named).rejects.toThrow(/index\.faiss/);
    await expect(rollbackLiveGeneration(store, { to: "20990101T000000000Z-abcdef" })).rejects.toThrow(
      /поколения 20990101T000000000Z-abcdef нет/,
    );
    await expect(rollbackLiveGeneration(store, { to: second.id })).rejects.toThrow(/уже живое/);
    expect(store.liveId()).toBe(second.id);
  });

  it("refuses to roll back to a generation built with another embedder", async () => {
    const store = tempStore();
    await publishTexts(store, [ASTRONOMY]);
    await publishTexts(store, [GARDENING]);
    const other = { provider: "openai" as const, model: "text-embedding-3-small", dims: 0 };
    await expect(rollbackLiveGeneration(store, { expectedEmbedder: other })).rejects.toThrow(
      /собрано векторизатором local:.*бот откажется с ним работать/,
    );
  });

  it("does not interleave with a publish in progress", async () => {
    const store = tempStore();
    await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [GARDENING]);
    const release = acquirePublishLock(join(store.dir, "publish.lock"));
    try {
      await expect(rollbackLiveGeneration(store)).rejects.toBeInstanceOf(PublishLockedError);
    } finally {
      release();
    }
    expect(store.liveId()).toBe(second.id);
  });
});
