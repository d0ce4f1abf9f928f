// Plays one dialogue the way the bot answers it: hybrid search at k=5, then the offline
// extractive answerer. With memory, every turn is asked as the bot asks it — the follow-up
// reading of apps/bot (followUpOf on the remembered previous turn, its context in the search,
// questionToAnswer for the answerer) — and remembered after its answer (rememberTurn). Without
// memory, the last turn is asked alone, as the bot did before it had conversations. A follow-up's
// standalone question is asked too: how well the same fact is answered when nothing is left out.

import type { ConversationTurn } from "@ai-library/bot/conversation/conversation-turn";
import { type FollowUp, followUpOf, questionToAnswer } from "@ai-library/bot/conversation/follow-up";
import { rememberTurn } from "@ai-library/bot/conversation/remember-turn";
import { type Answer, answerFromPassages } from "@ai-library/shared/answer";
import type { Passage, SearchOptions } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import { answerContains } from "../answers/answer-contains.js";
import { firstHitRank } from "../measure/passage-hit.js";
import type { PlacedDialogue } from "./check-dialogue-books.js";
import type { DialogueKind } from "./dialogue-questions.js";

/** The bot's search: a question, and the context a follow-up is searched with. */
export type DialogueSearcher = (question: string, options: SearchOptions) => Promise<Passage[]>;

export interface LastTurnOutcome {
  /** The answer contains the expected text. */
  contains: boolean;
  /** A passage of the right book among the top 5 holds the gold snippet. */
  sourceHit: boolean;
  answerText: string;
}

export interface DialogueOutcome {
  id: string;
  kind: DialogueKind;
  lang: "en" | "ru";
  half: "tuning" | "held-out";
  lastTurn: string;
  expect: string;
  alone: LastTurnOutcome;
  withMemory: LastTurnOutcome;
  /** Follow-ups: the standalone question asked alone instead of the last turn. */
  standalone?: LastTurnOutcome;
  /** The topic the last turn was searched with (undefined: searched alone although remembered). */
  context?: string;
}

async function ask(
  search: DialogueSearcher,
  question: string,
  followUp: FollowUp | undefined,
): Promise<{ passages: Passage[]; answer: Answer }> {
  const passages = await search(question, followUp ? { context: followUp.context } : {});
  const answer = answerFromPassages(
    questionToAnswer(question, followUp, passages[0]?.text),
    passages,
    detectLanguage(question),
  );
  return { passages, answer };
}

function scoreLastTurn(dialogue: PlacedDialogue, passages: readonly Passage[], answer: Answer): LastTurnOutcome {
  return {
    contains: answerContains(answer.text, dialogue.expect, dialogue.match),
    sourceHit: firstHitRank(passages, dialogue.file, dialogue.passage) !== undefined,
    answerText: answer.text,
  };
}

export async function playDialogue(
  search: DialogueSearcher,
  dialogue: PlacedDialogue,
  meta: Pick<DialogueOutcome, "kind" | "half">,
): Promise<DialogueOutcome> {
  const lastTurn = dialogue.turns.at(-1) ?? "";
  let previous: ConversationTurn | undefined;
  let last: { passages: Passage[]; answer: Answer; followUp: FollowUp | undefined } | undefined;
  for (const question of dialogue.turns) {
    const followUp = followUpOf(question, previous);
    const { passages, answer } = await ask(search, question, followUp);
    previous = rememberTurn(question, followUp, answer);
    last = { passages, answer, followUp };
  }
  if (!last) throw new Error(`Dialogue ${dialogue.id} has no turns`);
  const alone = await ask(search, lastTurn, undefined);
  const standalone = dialogue.standalone === undefined ? undefined : await ask(search, dialogue.standalone, undefined);
  return {
    id: dialogue.id,
    ...meta,
    lang: dialogue.lang,
    lastTurn,
    expect: dialogue.expect,
    alone: scoreLastTurn(dialogue, alone.passages, alone.answer),
    withMemory: scoreLastTurn(dialogue, last.passages, last.answer),
    ...(standalone ? { standalone: scoreLastTurn(dialogue, standalone.passages, standalone.answer) } : {}),
    ...(last.followUp ? { context: last.followUp.topic } : {}),
  };
}
