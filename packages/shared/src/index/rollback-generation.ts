// `index rollback [--to ID]`: makes an older (or the named) generation live by replacing the
// LIVE pointer atomically — readers (the bot) notice on their next poll and swap without a
// restart. The target is verified first; a damaged candidate is skipped (or, when named,
// refused) and the live pointer is not touched. Runs under the publish lock so a rollback and
// a publish never interleave.
import { join } from "node:path";
import { asOperatorInput } from "../error-reporting/operator-input.js";
import { checkGenerationDir, describeFaults, type EmbedderExpectation } from "./generation-check.js";
import { type IndexStore, PUBLISH_LOCK_FILE } from "./index-store.js";
import { readManifest } from "./manifest.js";
import { RollbackError, type SkippedGeneration } from "./ops-errors.js";
import { acquirePublishLock } from "./publish-lock.js";

export interface RollbackRequest {
  /** The generation to make live; default: the live one's predecessor, else the newest sound older one. */
  to?: string;
  expectedEmbedder?: EmbedderExpectation;
}

export interface RollbackResult {
  fromId: string | undefined;
  toId: string;
  /** Candidates passed over because they failed verification, newest first. */
  skipped: SkippedGeneration[];
}

/** Generations a plain rollback tries, in order: the recorded predecessor, then older ones, newest first. */
export function rollbackCandidates(store: IndexStore): string[] {
  const live = store.liveId();
  const ids = store.list().map((entry) => entry.id);
  const read = live ? readManifest(store.generationDir(live)) : undefined;
  const recorded = read?.ok ? read.manifest.previousId : undefined;
  // Ids start with a UTC timestamp, so "older" is a string comparison.
  const older = ids.filter((id) => id !== live && (live === undefined || id < live)).reverse();
  const ordered = recorded && ids.includes(recorded) && recorded !== live ? [recorded, ...older] : older;
  return [...new Set(ordered)];
}

export async function rollbackLiveGeneration(
  store: IndexStore,
  request: RollbackRequest = {},
): Promise<RollbackResult> {
  const release = acquirePublishLock(join(store.dir, PUBLISH_LOCK_FILE));
  try {
    const fromId = store.liveId();
    const { to, expectedEmbedder } = request;
    if (to !== undefined) {
      // The operator's typo, not a fault: a WARN line in the log, nothing sent to Sentry.
      if (to === fromId) throw asOperatorInput(new RollbackError(`generation ${to} is already live`));
      if (!store.list().some((entry) => entry.id === to)) {
        throw asOperatorInput(
          new RollbackError(`generation ${to} does not exist in ${join(store.dir, "generations")}`),
        );
      }
    }
    const candidates = to !== undefined ? [to] : rollbackCandidates(store);
    if (candidates.length === 0) {
      throw new RollbackError(
        fromId ? `there is no generation older than the live one (${fromId})` : "the index has no generations",
      );
    }
    const skipped: SkippedGeneration[] = [];
    for (const id of candidates) {
      const check = await checkGenerationDir(store.generationDir(id), expectedEmbedder ? { expectedEmbedder } : {});
      if (check.ok) {
        store.setLive(id);
        return { fromId, toId: id, skipped };
      }
      skipped.push({ id, fault: describeFaults(check.faults) });
    }
    throw new RollbackError(
      to !== undefined ? `generation ${to} failed verification` : "no older generation passes verification",
      skipped,
    );
  } finally {
    release();
  }
}
