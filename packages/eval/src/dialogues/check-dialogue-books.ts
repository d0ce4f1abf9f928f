// Before any dialogue is asked: every last turn's expected text, gold passage and chapter must
// really be in its book as the library parsed it — the expected text and the gold snippet
// inside one chunk (so a right search can return them, and a right answer quote them), and
// that chunk cited under the named table-of-contents entry. A set that fails says which
// dialogue and what is missing, and nothing is measured.
import type { LoadedGeneration } from "@ai-library/shared/index";
import { normaliseForContainment } from "../answers/answer-contains.js";
import { citedTitle, namesChapter } from "../answers/cited-chapter.js";
import { comparableWords } from "../measure/passage-hit.js";
import type { Dialogue } from "./dialogue-questions.js";

export type PlacedDialogue = Dialogue & { file: string };

/** Every problem of the set, one line each; empty when the set holds. */
export function dialogueBookProblems(generation: LoadedGeneration, dialogues: readonly PlacedDialogue[]): string[] {
  const problems: string[] = [];
  for (const dialogue of dialogues) {
    const book = generation.manifest.books.find((record) => record.file === dialogue.file);
    if (!book) {
      problems.push(`${dialogue.id}: the book ${dialogue.file} is not in the library`);
      continue;
    }
    const chunks = generation.chunksOfBook(book.bookId);
    const snippet = comparableWords(dialogue.passage);
    const expected = normaliseForContainment(dialogue.expect, dialogue.match);
    const gold = chunks.filter((chunk) => comparableWords(chunk.text).includes(snippet));
    if (gold.length === 0) {
      problems.push(`${dialogue.id}: the passage «${dialogue.passage}» is in no chunk of ${dialogue.file}`);
      continue;
    }
    if (!gold.some((chunk) => normaliseForContainment(chunk.text, dialogue.match).includes(expected)))
      problems.push(`${dialogue.id}: «${dialogue.expect}» is not in the chunk holding the passage`);
    if (!gold.some((chunk) => namesChapter(citedTitle(chunk), dialogue.chapter))) {
      const cited = [...new Set(gold.map((chunk) => citedTitle(chunk) ?? "(none)"))].join(" | ");
      problems.push(`${dialogue.id}: the passage is cited as «${cited}», not «${dialogue.chapter}»`);
    }
  }
  return problems;
}
