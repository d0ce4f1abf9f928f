// verifyLiveGeneration: verifies the live generation at start-up, for the processes that write
// the index (the worker). If LIVE points at a damaged generation, the newest generation that
// verifies is made live again (atomically, under the publish lock), so the next ingest reuses sound books and
// records the right predecessor; the error log says what happened and what to run. Readers
// (the bot) get the same fallback in memory from the live library and do not call `repair`.
import type { Logger } from "../../logging/index.js";
import type { IndexStore } from "../generation/index-store.js";
import { describeFaults, type EmbedderExpectation, verifyGeneration } from "../generation/verify-generation.js";
import { rollbackLiveGeneration } from "./rollback-generation.js";

export type LiveVerification =
  | { status: "empty" }
  | { status: "sound"; id: string }
  | { status: "fell-back"; brokenId: string; id: string; fault: string; repaired: boolean }
  | { status: "no-sound-generation"; brokenId: string; fault: string };

export interface VerifyLiveDeps {
  store: IndexStore;
  logger: Logger;
  expectedEmbedder?: EmbedderExpectation;
  /** Point LIVE at the fallback (writers); false: only find and report it (readers). */
  repair: boolean;
}

export async function verifyLiveGeneration(deps: VerifyLiveDeps): Promise<LiveVerification> {
  const { store, logger, expectedEmbedder } = deps;
  const brokenId = store.liveId();
  if (!brokenId) return { status: "empty" };
  const options = expectedEmbedder ? { expectedEmbedder } : {};
  const live = await verifyGeneration(store.generationDir(brokenId), options);
  if (live.ok) return { status: "sound", id: brokenId };
  const fault = describeFaults(live.faults);
  const newestFirst = store
    .list()
    .map((entry) => entry.id)
    .filter((id) => id !== brokenId)
    .reverse();
  for (const id of newestFirst) {
    if (!(await verifyGeneration(store.generationDir(id), options)).ok) continue;
    let repaired = false;
    if (deps.repair) {
      try {
        await rollbackLiveGeneration(store, { to: id, ...options });
        repaired = true;
      } catch (error) {
        logger.warn(`Could not point LIVE at ${id}: ${(error as Error).message}`);
      }
    }
    logger.error(
      `Live index generation ${brokenId} is damaged (${fault}). ` +
        `${repaired ? "LIVE now points at" : "Falling back to"} the newest sound generation ${id}. ` +
        `Inspect with \`pnpm ai-library index check ${brokenId}\`; restore a backup with ` +
        "`pnpm ai-library index restore $BACKUP_DIR` or rebuild with `pnpm ai-library index rebuild --inline`.",
    );
    return { status: "fell-back", brokenId, id, fault, repaired };
  }
  logger.error(
    `Live index generation ${brokenId} is damaged (${fault}) and no other generation verifies. ` +
      "Restore a backup with `pnpm ai-library index restore $BACKUP_DIR` or rebuild with `pnpm ai-library index rebuild --inline`.",
  );
  return { status: "no-sound-generation", brokenId, fault };
}
