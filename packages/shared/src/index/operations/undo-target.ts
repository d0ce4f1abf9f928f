// After a rollback or a restore the operator is told how to switch back — but only to a
// generation that would pass verification: a hint that leads to a refusal (or, worse, to the
// damaged generation that was just replaced) is no hint.

import type { IndexStore } from "../generation/index-store.js";
import { describeFaults, type EmbedderExpectation, verifyGeneration } from "../generation/verify-generation.js";

export type UndoTarget =
  /** Nothing was live before. */
  { status: "none" } | { status: "sound"; id: string } | { status: "damaged"; id: string; fault: string };

export async function soundUndoTarget(
  store: IndexStore,
  previousId: string | undefined,
  options: { expectedEmbedder?: EmbedderExpectation },
): Promise<UndoTarget> {
  if (previousId === undefined) return { status: "none" };
  const check = await verifyGeneration(store.generationDir(previousId), options);
  return check.ok
    ? { status: "sound", id: previousId }
    : { status: "damaged", id: previousId, fault: describeFaults(check.faults) };
}
