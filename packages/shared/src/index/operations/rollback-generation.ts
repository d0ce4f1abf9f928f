// `index rollback [--to ID]`: makes another generation live by replacing the LIVE pointer
// atomically — readers (the bot) notice on a Redis notice or their next poll and swap without a
// restart. A plain rollback goes back in the live history (what was live before the current
// one, whether its id is older or newer), then falls back to the recorded predecessor and the
// other generations, newest first. Every candidate is verified first; a damaged one is skipped
// (or, when named, refused) and the live pointer is not touched. Runs under the publish lock so
// a rollback and a publish never interleave.
import { join } from "node:path";
import { asOperatorInput } from "../../error-reporting/operator-input.js";
import { type IndexStore, PUBLISH_LOCK_FILE } from "../generation/index-store.js";
import { previouslyLive } from "../generation/live-history.js";
import { readManifest } from "../generation/manifest.js";
import { acquirePublishLock } from "../generation/publish-lock.js";
import { describeFaults, type EmbedderExpectation, verifyGeneration } from "../generation/verify-generation.js";
import { RollbackError, type SkippedGeneration } from "./ops-errors.js";
import { soundUndoTarget, type UndoTarget } from "./undo-target.js";

export interface RollbackRequest {
  /** The generation to make live; default: the one live before the current one that verifies. */
  to?: string;
  expectedEmbedder?: EmbedderExpectation;
  /** Called once LIVE points at the new generation, before the slower checks for the result (tell the bots). */
  onSwitched?: (generationId: string) => Promise<void>;
}

export interface RollbackResult {
  fromId: string | undefined;
  toId: string;
  /** Candidates passed over because they failed verification, in the order tried. */
  skipped: SkippedGeneration[];
  /** Whether the generation that was live can be switched back to (`rollback --to fromId`). */
  undo: UndoTarget;
}

/** Generations a plain rollback tries, in order: the live history backwards, the recorded predecessor, the rest newest first. */
function rollbackCandidates(store: IndexStore): string[] {
  const live = store.liveId();
  const existing = store.list().map((entry) => entry.id);
  const read = live ? readManifest(store.generationDir(live)) : undefined;
  const recorded = read?.ok ? read.manifest.previousId : undefined;
  const ordered = [...previouslyLive(store.dir, live), ...(recorded ? [recorded] : []), ...[...existing].reverse()];
  return [...new Set(ordered)].filter((id) => id !== live && existing.includes(id));
}

export async function rollbackLiveGeneration(
  store: IndexStore,
  request: RollbackRequest = {},
): Promise<RollbackResult> {
  const { to, expectedEmbedder } = request;
  const checkOptions = expectedEmbedder ? { expectedEmbedder } : {};
  const release = acquirePublishLock(join(store.dir, PUBLISH_LOCK_FILE));
  let switched: { fromId: string | undefined; toId: string; skipped: SkippedGeneration[] };
  try {
    switched = await switchToFirstSound(store, to, checkOptions);
  } finally {
    release();
  }
  await request.onSwitched?.(switched.toId);
  // Read-only, after the lock: whether the hint "switch back" may name the old generation.
  return { ...switched, undo: await soundUndoTarget(store, switched.fromId, checkOptions) };
}

async function switchToFirstSound(
  store: IndexStore,
  to: string | undefined,
  checkOptions: { expectedEmbedder?: EmbedderExpectation },
): Promise<{ fromId: string | undefined; toId: string; skipped: SkippedGeneration[] }> {
  const fromId = store.liveId();
  if (to !== undefined) {
    // The operator's typo, not a fault: a WARN line in the log, nothing sent to Sentry.
    if (to === fromId) throw asOperatorInput(new RollbackError(`поколение ${to} уже живое`));
    if (!store.list().some((entry) => entry.id === to)) {
      throw asOperatorInput(new RollbackError(`поколения ${to} нет в ${join(store.dir, "generations")}`));
    }
  }
  const candidates = to !== undefined ? [to] : rollbackCandidates(store);
  if (candidates.length === 0) {
    throw new RollbackError(
      fromId ? `кроме живого поколения ${fromId}, других поколений нет` : "в индексе нет ни одного поколения",
    );
  }
  const skipped: SkippedGeneration[] = [];
  for (const id of candidates) {
    const check = await verifyGeneration(store.generationDir(id), checkOptions);
    if (check.ok) {
      store.setLive(id);
      return { fromId, toId: id, skipped };
    }
    skipped.push({ id, fault: describeFaults(check.faults) });
  }
  throw new RollbackError(
    to !== undefined ? `поколение ${to} не прошло проверку` : "ни одно поколение, кроме живого, не прошло проверку",
    skipped,
  );
}
