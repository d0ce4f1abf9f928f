// Last-turn scores of the dialogue set per group ("follow-ups/all", "follow-ups/ru",
// "follow-ups/tuning", "topic changes/held-out", …): answer-contains rate and recall@5, alone
// and with memory, and how often memory was used (the turn was searched with a context); for
// follow-ups also of the standalone question, the ceiling a perfect rewrite would reach.
import type { DialogueOutcome } from "./play-dialogue.js";

export interface DialogueScores {
  dialogues: number;
  containsAlone: number;
  containsWithMemory: number;
  recallAt5Alone: number;
  recallAt5WithMemory: number;
  /** Share of last turns searched with the earlier turn's topic. */
  usedContext: number;
  /** Follow-ups: the same scores for the standalone question (undefined for topic changes). */
  containsStandalone?: number;
  recallAt5Standalone?: number;
}

/** The targets for follow-ups with memory: a rate, and points above the rate alone. */
export const DIALOGUE_TARGETS = { containsWithMemory: 0.85, pointsAboveAlone: 40 } as const;

function share(outcomes: readonly DialogueOutcome[], test: (outcome: DialogueOutcome) => boolean): number {
  return outcomes.length === 0 ? 0 : outcomes.filter(test).length / outcomes.length;
}

export function scoreDialogues(outcomes: readonly DialogueOutcome[]): DialogueScores {
  const withStandalone = outcomes.filter((o) => o.standalone !== undefined);
  return {
    dialogues: outcomes.length,
    containsAlone: share(outcomes, (o) => o.alone.contains),
    containsWithMemory: share(outcomes, (o) => o.withMemory.contains),
    recallAt5Alone: share(outcomes, (o) => o.alone.sourceHit),
    recallAt5WithMemory: share(outcomes, (o) => o.withMemory.sourceHit),
    usedContext: share(outcomes, (o) => o.context !== undefined),
    ...(withStandalone.length > 0
      ? {
          containsStandalone: share(withStandalone, (o) => o.standalone?.contains === true),
          recallAt5Standalone: share(withStandalone, (o) => o.standalone?.sourceHit === true),
        }
      : {}),
  };
}

/** Per kind: all, then per language, then per half (tuning / held-out). */
export function scoreDialoguesByGroup(outcomes: readonly DialogueOutcome[]): Record<string, DialogueScores> {
  const groups: [string, (o: DialogueOutcome) => boolean][] = [];
  for (const [kind, name] of [
    ["follow-up", "follow-ups"],
    ["topic change", "topic changes"],
  ] as const) {
    groups.push([`${name}/all`, (o) => o.kind === kind]);
    for (const lang of ["ru", "en"] as const)
      groups.push([`${name}/${lang}`, (o) => o.kind === kind && o.lang === lang]);
    for (const half of ["tuning", "held-out"] as const)
      groups.push([`${name}/${half}`, (o) => o.kind === kind && o.half === half]);
  }
  return Object.fromEntries(
    groups
      .map(([group, test]) => [group, outcomes.filter(test)] as const)
      .filter(([, members]) => members.length > 0)
      .map(([group, members]) => [group, scoreDialogues(members)]),
  );
}
