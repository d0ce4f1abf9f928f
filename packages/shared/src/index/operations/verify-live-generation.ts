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
  /** BACKUP_DIR, named in the recovery advice so the operator can paste the command. */
  backupDir: string;
}

export async function verifyLiveGeneration(deps: VerifyLiveDeps): Promise<LiveVerification> {
  const { store, logger, expectedEmbedder, backupDir } = deps;
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
        logger.warn(`Не удалось направить LIVE на ${id}: ${(error as Error).message}`);
      }
    }
    logger.error(
      `Живое поколение индекса ${brokenId} повреждено (${fault}). ` +
        `${repaired ? "LIVE теперь указывает на" : "Вместо него обслуживается"} новейшее целое поколение ${id}. ` +
        `Проверить: \`pnpm ai-library index check ${brokenId}\`; ${recoveryAdvice(backupDir)}`,
    );
    return { status: "fell-back", brokenId, id, fault, repaired };
  }
  logger.error(
    `Живое поколение индекса ${brokenId} повреждено (${fault}), и ни одно другое поколение не проходит проверку. ` +
      recoveryAdvice(backupDir),
  );
  return { status: "no-sound-generation", brokenId, fault };
}

function recoveryAdvice(backupDir: string): string {
  return (
    `восстановить из резервной копии: \`pnpm ai-library index restore ${backupDir}\`; ` +
    "собрать заново из книг: `pnpm ai-library index rebuild --inline`."
  );
}
