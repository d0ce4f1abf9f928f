// The dialogue set placed in the evaluation library: its books (as the answer set places
// them) and each dialogue with its book's file there.
import { placeQuestionBooks } from "../answers/answer-set-plan.js";
import type { DialogueFile } from "./dialogue-questions.js";
import type { DialogueSetPlan } from "./measure-dialogues.js";

export function planDialogueSet(
  set: DialogueFile,
  debianDir: string,
  availableDebian: ReadonlySet<string>,
): DialogueSetPlan & { corpusBooks: string[]; extraBooks: { source: string; file: string }[] } {
  const followUps = placeQuestionBooks(set.followUps, debianDir, availableDebian);
  const topicChanges = placeQuestionBooks(set.topicChanges, debianDir, availableDebian);
  return {
    corpusBooks: [...new Set([...followUps.corpusBooks, ...topicChanges.corpusBooks])],
    extraBooks: [
      ...new Map(
        [...followUps.extraBooks, ...topicChanges.extraBooks].map((book) => [book.file, book] as const),
      ).values(),
    ],
    followUps: followUps.placed,
    topicChanges: topicChanges.placed,
    skipped: followUps.skipped + topicChanges.skipped,
  };
}
