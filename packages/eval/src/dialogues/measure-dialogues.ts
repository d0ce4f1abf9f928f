// `pnpm eval --dialogues`: checks the set against the books as parsed, then plays every
// dialogue through the bot's retriever ("hybrid (default)" settings, k=5) and the offline
// answerer, and scores the last turns per group.
import type { Embedder } from "@ai-library/shared/embeddings";
import type { IndexStore } from "@ai-library/shared/index";
import type { Logger } from "@ai-library/shared/logging";
import { createLiveLibrary, type RetrievalSettings } from "@ai-library/shared/retrieval";
import { SEARCH_K } from "../methods.js";
import { dialogueBookProblems, type PlacedDialogue } from "./check-dialogue-books.js";
import { type DialogueKind, halfOf } from "./dialogue-questions.js";
import { type DialogueOutcome, playDialogue } from "./play-dialogue.js";
import { type DialogueScores, scoreDialoguesByGroup } from "./score-dialogues.js";

export interface DialogueSetPlan {
  followUps: PlacedDialogue[];
  topicChanges: PlacedDialogue[];
  /** Dialogues left out because their (Debian) book could not be fetched. */
  skipped: number;
}

export interface DialogueReport {
  method: string;
  scores: Record<string, DialogueScores>;
  skippedDialogues: number;
  outcomes: DialogueOutcome[];
}

export class DialogueSetError extends Error {
  constructor(problems: readonly string[]) {
    super(
      `The dialogue set does not match its books (${problems.length} problem(s)); fix packages/eval/data/dialogue-questions.json:\n  ${problems.join("\n  ")}`,
    );
    this.name = "DialogueSetError";
  }
}

export async function measureDialogues(
  plan: DialogueSetPlan,
  deps: { store: IndexStore; embedder: Embedder; logger: Logger; settings: RetrievalSettings },
): Promise<DialogueReport> {
  const library = createLiveLibrary({ ...deps, retrieval: deps.settings });
  try {
    const loaded = await library.reloadIfChanged();
    const generation = library.current();
    if (loaded.status !== "loaded" || !generation)
      throw new Error(`The evaluation library did not load: ${JSON.stringify(loaded)}`);
    const problems = dialogueBookProblems(generation, [...plan.followUps, ...plan.topicChanges]);
    if (problems.length > 0) throw new DialogueSetError(problems);
    const search = async (question: string, options: Parameters<typeof library.search>[2]) =>
      (await library.search(question, SEARCH_K, options)).passages;
    const outcomes: DialogueOutcome[] = [];
    const sets: [DialogueKind, PlacedDialogue[]][] = [
      ["follow-up", plan.followUps],
      ["topic change", plan.topicChanges],
    ];
    for (const [kind, dialogues] of sets)
      for (const [position, dialogue] of dialogues.entries())
        outcomes.push(await playDialogue(search, dialogue, { kind, half: halfOf(position) }));
    return {
      method: `hybrid (default) retrieval, k=${SEARCH_K}, extractive answerer, offline follow-up reading`,
      scores: scoreDialoguesByGroup(outcomes),
      skippedDialogues: plan.skipped,
      outcomes,
    };
  } finally {
    library.close();
  }
}
