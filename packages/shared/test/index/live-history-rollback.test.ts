// Issue 19, item 1: a plain rollback follows the live history — it returns to the generation
// that was live before the current one, whether its id is older or newer, skips one that fails
// verification for the next one back, and refuses only when nothing else sound exists. The
// hint for undoing a switch names only a generation that verifies. Real FAISS and SQLite.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIVE_HISTORY_FILE, readLiveHistory } from "../../src/index/generation/live-history.js";
import { restoreGeneration, rollbackLiveGeneration } from "../../src/index/index.js";
import { RollbackError } from "../../src/index/operations/ops-errors.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, corruptFile, GARDENING, generationFile, publishTexts } from "./text-library.js";

describe("rollback along the live history", () => {
  it("after `rollback --to` an older generation, a plain rollback returns to the newer one that was live", async () => {
    const store = tempStore();
    const older = await publishTexts(store, [ASTRONOMY]);
    const newer = await publishTexts(store, [ASTRONOMY, GARDENING]);
    await rollbackLiveGeneration(store, { to: older.id });
    expect(store.liveId()).toBe(older.id);

    const back = await rollbackLiveGeneration(store);
    expect(back).toMatchObject({ fromId: older.id, toId: newer.id, skipped: [] });
    expect(store.liveId()).toBe(newer.id);
    // And again, like `cd -`: the one live before is the older one now.
    expect(await rollbackLiveGeneration(store)).toMatchObject({ fromId: newer.id, toId: older.id });
    expect(readLiveHistory(store.dir).map((entry) => entry.id)).toEqual([
      older.id,
      newer.id,
      older.id,
      newer.id,
      older.id,
    ]);
  });

  it("skips a damaged generation for the next one back in the live history, not the next id", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [GARDENING]);
    const third = await publishTexts(store, [ASTRONOMY, GARDENING]);
    // Live history: first, second, third, first, then the operator goes to second.
    await rollbackLiveGeneration(store, { to: first.id });
    await rollbackLiveGeneration(store, { to: second.id });
    corruptFile(generationFile(store, first.id, "index.faiss"));

    const result = await rollbackLiveGeneration(store);
    // first was live just before second, but is damaged; third was live before first.
    expect(result.fromId).toBe(second.id);
    expect(result.toId).toBe(third.id);
    expect(result.skipped.map((entry) => entry.id)).toEqual([first.id]);
    expect(result.skipped[0]?.fault).toContain("index.faiss");
  });

  it("refuses only when no sound generation other than the live one exists, leaving LIVE alone", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    await expect(rollbackLiveGeneration(store)).rejects.toThrow(/кроме живого поколения .*других поколений нет/);
    const second = await publishTexts(store, [GARDENING]);
    corruptFile(generationFile(store, first.id, "docstore.bin"));
    const refused = rollbackLiveGeneration(store);
    await expect(refused).rejects.toBeInstanceOf(RollbackError);
    await expect(refused).rejects.toThrow(/ни одно поколение, кроме живого, не прошло проверку[\s\S]*docstore\.bin/);
    expect(store.liveId()).toBe(second.id);
  });

  it("works without a history file (an installation from before it): the recorded predecessor, then the others", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [GARDENING]);
    rmSync(join(store.dir, LIVE_HISTORY_FILE));
    expect(await rollbackLiveGeneration(store)).toMatchObject({ fromId: second.id, toId: first.id });
    // The first switch recorded where it came from, so the next plain rollback can go back.
    expect(await rollbackLiveGeneration(store)).toMatchObject({ fromId: first.id, toId: second.id });
  });

  it("offers to undo only towards a generation that verifies", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [GARDENING]);
    expect((await rollbackLiveGeneration(store, { to: first.id })).undo).toEqual({ status: "sound", id: second.id });

    const third = await publishTexts(store, [ASTRONOMY, GARDENING]);
    corruptFile(generationFile(store, third.id, "index.faiss"));
    const away = await rollbackLiveGeneration(store);
    expect(away).toMatchObject({ fromId: third.id, toId: first.id });
    expect(away.undo).toMatchObject({ status: "damaged", id: third.id });
    if (away.undo.status === "damaged") expect(away.undo.fault).toContain("index.faiss");
  });

  it("keeps the generation a plain rollback would return to when old generations are pruned", async () => {
    const store = tempStore();
    const first = await publishTexts(store, [ASTRONOMY]);
    const second = await publishTexts(store, [GARDENING]);
    await publishTexts(store, [ASTRONOMY, GARDENING]);
    const fourth = await publishTexts(store, [GARDENING, ASTRONOMY]);
    await rollbackLiveGeneration(store, { to: first.id });
    await rollbackLiveGeneration(store, { to: fourth.id });
    // Live fourth: its recorded predecessor is third, the one live before it is first (the oldest).
    expect(store.prune(2)).toEqual([second.id]);
    expect(await rollbackLiveGeneration(store)).toMatchObject({ fromId: fourth.id, toId: first.id });
  });

  it("records a restore in the live history, so a plain rollback undoes it", async () => {
    const store = tempStore();
    const source = tempStore();
    const copied = await publishTexts(source, [GARDENING]);
    const live = await publishTexts(store, [ASTRONOMY]);
    const restored = await restoreGeneration(store, source.generationDir(copied.id));
    expect(restored.undo).toEqual({ status: "sound", id: live.id });
    expect(await rollbackLiveGeneration(store)).toMatchObject({ fromId: restored.id, toId: live.id });
  });
});
