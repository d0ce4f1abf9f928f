// Start-up verification of the live generation (the worker's path): a damaged LIVE is moved to
// the newest sound generation, the error log says what happened and what to run, and the
// metrics count it; with nothing sound, LIVE is left alone and the log says how to recover.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyLiveGeneration } from "../../src/index/index.js";
import { closeLogger, createLogger } from "../../src/logging/index.js";
import { createMetricsRegistry, defineIndexMetrics } from "../../src/metrics/index.js";
import { tempStore } from "./generation-helpers.js";
import { ASTRONOMY, corruptFile, embedder, GARDENING, generationFile, publishTexts } from "./text-library.js";

const BACKUPS = "/srv/ai-library/backups";

function fileLogger(dir: string) {
  return createLogger({ service: "worker", level: "info", dir, console: false });
}

async function loggedText(logger: ReturnType<typeof fileLogger>, dir: string): Promise<string> {
  await closeLogger(logger);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".log"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("");
}

describe("start-up check of the live generation", () => {
  it("moves LIVE from a damaged generation to the newest sound one, logs what to run, counts it", async () => {
    const store = tempStore();
    const sound = await publishTexts(store, [ASTRONOMY]);
    const broken = await publishTexts(store, [ASTRONOMY, GARDENING]);
    corruptFile(generationFile(store, broken.id, "docstore.bin"));
    const logs = join(store.dir, "..", "logs");
    const logger = fileLogger(logs);
    const registry = createMetricsRegistry({ service: "worker", processMetrics: false });
    const metrics = defineIndexMetrics(registry, { served: () => undefined, liveId: () => store.liveId() });

    const check = await verifyLiveGeneration({
      store,
      logger,
      expectedEmbedder: embedder.identity,
      repair: true,
      backupDir: BACKUPS,
    });
    metrics.recordStartupCheck(check);
    expect(check).toMatchObject({ status: "fell-back", brokenId: broken.id, id: sound.id, repaired: true });
    expect(store.liveId()).toBe(sound.id);
    const text = await loggedText(logger, logs);
    expect(text).toContain(`ERROR [worker] Живое поколение индекса ${broken.id} повреждено (docstore.bin:`);
    expect(text).toContain(`pnpm ai-library index check ${broken.id}`);
    // The advice names the configured folder, so the operator can paste the command as it is.
    expect(text).toContain(`pnpm ai-library index restore ${BACKUPS}`);
    expect(text).not.toContain("$BACKUP_DIR");
    const exposed = await registry.getSingleMetricAsString("ai_library_index_refused_generations_total");
    expect(exposed).toContain('ai_library_index_refused_generations_total{service="worker"} 1');
  });

  it("reports a sound live generation, and leaves LIVE alone when nothing verifies", async () => {
    const store = tempStore();
    const only = await publishTexts(store, [GARDENING]);
    const logs = join(store.dir, "..", "logs");
    const logger = fileLogger(logs);
    expect(await verifyLiveGeneration({ store, logger, repair: true, backupDir: BACKUPS })).toEqual({
      status: "sound",
      id: only.id,
    });
    corruptFile(generationFile(store, only.id, "index.faiss"));
    const check = await verifyLiveGeneration({ store, logger, repair: true, backupDir: BACKUPS });
    expect(check).toMatchObject({ status: "no-sound-generation", brokenId: only.id });
    expect(store.liveId()).toBe(only.id);
    const text = await loggedText(logger, logs);
    expect(text).toContain("pnpm ai-library index rebuild --inline");
    expect(text).toContain(`pnpm ai-library index restore ${BACKUPS}`);
  });

  it("finds the fallback without moving LIVE when asked not to repair (readers)", async () => {
    const store = tempStore();
    const sound = await publishTexts(store, [ASTRONOMY]);
    const broken = await publishTexts(store, [GARDENING]);
    corruptFile(generationFile(store, broken.id, "index.faiss"));
    const logs = join(store.dir, "..", "logs");
    const check = await verifyLiveGeneration({ store, logger: fileLogger(logs), repair: false, backupDir: BACKUPS });
    expect(check).toMatchObject({ status: "fell-back", id: sound.id, repaired: false });
    expect(store.liveId()).toBe(broken.id);
  });
});
