// Answer-level scores per group ("answers/en", "no-answer/ru", …): for answerable questions
// the share whose answer contains the expected text, whose top 5 passages hold the gold
// passage (source recall@5), that got "no answer" wrongly, whose cited source holding the gold
// passage names the gold chapter (and, beside it, whose first cited source of the book does); for unanswerable ones the share correctly told "no answer".

export interface AnswerOutcome {
  id: string;
  lang: "en" | "ru";
  answerable: boolean;
  question: string;
  /** Answerable only: the answer text contains `expect`. */
  contains: boolean;
  /** Answerable only: a passage of the right book among the top 5 contains the gold snippet. */
  sourceHit: boolean;
  notFound: boolean;
  /** Answerable only: the cited source holding the gold passage names the gold chapter. */
  chapterHit: boolean;
  /** Answerable only: the first cited source of the right book names the gold chapter. */
  firstChapterHit: boolean;
  expect?: string;
  gold?: string;
  answerText: string;
  /** The TOC entry the cited gold source names (else what was cited instead, marked). */
  citedChapter?: string;
}

export interface AnswerScores {
  questions: number;
  /** Answerable groups. */
  answerContains?: number;
  sourceRecallAt5?: number;
  falseNoAnswer?: number;
  chapterCorrect?: number;
  firstChapterCorrect?: number;
  /** Unanswerable groups. */
  correctNoAnswer?: number;
}

export const ANSWER_TARGETS = { answerContains: 0.85, falseNoAnswer: 0.03, chapterCorrect: 0.95 } as const;

export function answerGroupOf(outcome: Pick<AnswerOutcome, "answerable" | "lang">): string {
  return `${outcome.answerable ? "answers" : "no-answer"}/${outcome.lang}`;
}

function share(outcomes: readonly AnswerOutcome[], test: (outcome: AnswerOutcome) => boolean): number {
  return outcomes.length === 0 ? 0 : outcomes.filter(test).length / outcomes.length;
}

export function scoreAnswerOutcomes(outcomes: readonly AnswerOutcome[]): AnswerScores {
  const answerable = outcomes.filter((outcome) => outcome.answerable);
  const unanswerable = outcomes.filter((outcome) => !outcome.answerable);
  return {
    questions: outcomes.length,
    ...(answerable.length > 0
      ? {
          answerContains: share(answerable, (o) => o.contains),
          sourceRecallAt5: share(answerable, (o) => o.sourceHit),
          falseNoAnswer: share(answerable, (o) => o.notFound),
          chapterCorrect: share(answerable, (o) => o.chapterHit),
          firstChapterCorrect: share(answerable, (o) => o.firstChapterHit),
        }
      : {}),
    ...(unanswerable.length > 0 ? { correctNoAnswer: share(unanswerable, (o) => o.notFound) } : {}),
  };
}

/** Scores per group in a fixed order (answers before no-answer, ru before en), then "all". */
export function scoreAnswersByGroup(outcomes: readonly AnswerOutcome[]): Record<string, AnswerScores> {
  const order = ["answers/ru", "answers/en", "no-answer/ru", "no-answer/en"];
  const groups = order.filter((group) => outcomes.some((outcome) => answerGroupOf(outcome) === group));
  const byGroup = groups.map((group) => [
    group,
    scoreAnswerOutcomes(outcomes.filter((outcome) => answerGroupOf(outcome) === group)),
  ]);
  const answerable = outcomes.filter((outcome) => outcome.answerable);
  const unanswerable = outcomes.filter((outcome) => !outcome.answerable);
  return Object.fromEntries([
    ...byGroup,
    ...(answerable.length > 0 ? [["answers/all", scoreAnswerOutcomes(answerable)]] : []),
    ...(unanswerable.length > 0 ? [["no-answer/all", scoreAnswerOutcomes(unanswerable)]] : []),
  ]);
}

/** Whether an outcome is worth showing with --verbose: any answer-level check failed. */
export function isAnswerMiss(outcome: AnswerOutcome): boolean {
  return outcome.answerable ? !outcome.contains || !outcome.sourceHit || !outcome.chapterHit : !outcome.notFound;
}
