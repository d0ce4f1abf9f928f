// Runs every question through one retrieval method and scores it per question set and
// language: recall@1, recall@5 (share of questions with a hit at rank ≤ 1 / ≤ 5) and MRR@5
// (mean of 1/rank of the first hit, 0 when none of the 5 passages is a hit).
import type { Passage } from "@ai-library/shared/retrieval";
import type { EvalQuestion } from "../questions/eval-question.js";
import { firstHitRank } from "./passage-hit.js";

export type Searcher = (question: string) => Promise<Passage[]>;

export interface Scores {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export interface QuestionOutcome {
  id: string;
  group: string;
  rank: number | undefined;
}

export function groupOf(question: EvalQuestion): string {
  return `${question.set}/${question.lang}`;
}

export async function runQuestions(questions: readonly EvalQuestion[], search: Searcher): Promise<QuestionOutcome[]> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) {
    const passages = await search(question.question);
    outcomes.push({
      id: question.id,
      group: groupOf(question),
      rank: firstHitRank(passages, question.file, question.expected),
    });
  }
  return outcomes;
}

export function scoreOutcomes(outcomes: readonly QuestionOutcome[]): Scores {
  const n = outcomes.length;
  const share = (test: (rank: number) => boolean) =>
    n === 0 ? 0 : outcomes.filter((o) => o.rank !== undefined && test(o.rank)).length / n;
  const mrr =
    n === 0 ? 0 : outcomes.reduce((sum, o) => sum + (o.rank !== undefined && o.rank <= 5 ? 1 / o.rank : 0), 0) / n;
  return { questions: n, recallAt1: share((rank) => rank <= 1), recallAt5: share((rank) => rank <= 5), mrr };
}

/** Scores per group ("xquad/en", "long-books/ru", …), in first-seen order. */
export function scoreByGroup(outcomes: readonly QuestionOutcome[]): Record<string, Scores> {
  const groups = [...new Set(outcomes.map((outcome) => outcome.group))];
  return Object.fromEntries(groups.map((group) => [group, scoreOutcomes(outcomes.filter((o) => o.group === group))]));
}
