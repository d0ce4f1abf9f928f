// Asks every answer-set question the way the bot does: the configured hybrid retriever (k=5,
// as "hybrid (default)" in methods.ts), then the offline extractive answerer in the language
// detected from the question. Records what the answer said and which chapter it cited.
import { answerFromPassages } from "@ai-library/shared/answer";
import type { Passage } from "@ai-library/shared/retrieval";
import { detectLanguage } from "@ai-library/shared/text";
import { firstHitRank } from "../measure/passage-hit.js";
import type { Searcher } from "../measure/score-method.js";
import { answerContains } from "./answer-contains.js";
import type { AnswerableQuestion, UnanswerableQuestion } from "./answer-questions.js";
import { citedTitle, firstSourceOfBook, goldSourceOf, namesChapter } from "./cited-chapter.js";
import type { AnswerOutcome } from "./score-answers.js";

/** An answerable question with its book resolved to the file in the evaluation library. */
export interface PlacedQuestion extends AnswerableQuestion {
  file: string;
}

export async function runAnswerSet(
  answerable: readonly PlacedQuestion[],
  unanswerable: readonly UnanswerableQuestion[],
  search: Searcher,
): Promise<AnswerOutcome[]> {
  const outcomes: AnswerOutcome[] = [];
  for (const question of answerable) {
    const passages = await search(question.question);
    const answer = answerFromPassages(question.question, passages, detectLanguage(question.question));
    const source = firstSourceOfBook(answer.sources, question.file);
    const goldSource = goldSourceOf(answer.sources, question.file, question.passage);
    const fallback = answer.sources[0];
    const named = (passage: Passage) => citedTitle(passage) ?? "(the cited passage names no chapter/section)";
    const cited = goldSource
      ? named(goldSource)
      : source
        ? `(gold passage not cited; first source of the book: ${named(source)})`
        : fallback && `(only other books cited: ${fallback.file}) ${citedTitle(fallback) ?? "-"}`;
    outcomes.push({
      id: question.id,
      lang: question.lang,
      answerable: true,
      question: question.question,
      contains: answerContains(answer.text, question.expect, question.match),
      sourceHit: firstHitRank(passages, question.file, question.passage) !== undefined,
      notFound: answer.notFound,
      chapterHit: goldSource !== undefined && namesChapter(citedTitle(goldSource), question.chapter),
      firstChapterHit: source !== undefined && namesChapter(citedTitle(source), question.chapter),
      expect: question.expect,
      gold: question.chapter,
      answerText: answer.text,
      ...(cited !== undefined ? { citedChapter: cited } : {}),
    });
  }
  for (const question of unanswerable) {
    const passages = await search(question.question);
    const answer = answerFromPassages(question.question, passages, detectLanguage(question.question));
    outcomes.push({
      id: question.id,
      lang: question.lang,
      answerable: false,
      question: question.question,
      contains: false,
      sourceHit: false,
      notFound: answer.notFound,
      chapterHit: false,
      firstChapterHit: false,
      answerText: answer.text,
    });
  }
  return outcomes;
}
