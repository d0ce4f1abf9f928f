// Which books the answer set needs and where each question's book sits in the evaluation
// library: corpus books under books/ (as the long-book set), Debian books under debian/.
// Questions about a Debian book that could not be fetched are left out, and counted.
import { basename, join } from "node:path";
import { libraryFileOfCorpusBook } from "../library/build-eval-library.js";
import {
  type AnswerQuestionFile,
  DEBIAN_BOOK_PREFIX,
  isDebianBook,
  type UnanswerableQuestion,
} from "./answer-questions.js";
import type { PlacedQuestion } from "./run-answer-set.js";

export interface AnswerSetPlan {
  /** Corpus-relative books to add to the library. */
  corpusBooks: string[];
  /** Fetched books to add: absolute source path and file in the library. */
  extraBooks: { source: string; file: string }[];
  answerable: PlacedQuestion[];
  unanswerable: UnanswerableQuestion[];
  /** Answerable questions left out because their book is missing. */
  skipped: number;
}

export function planAnswerSet(
  questions: AnswerQuestionFile,
  debianDir: string,
  availableDebian: ReadonlySet<string>,
): AnswerSetPlan {
  const corpusBooks = new Set<string>();
  const extraBooks = new Map<string, { source: string; file: string }>();
  const answerable: PlacedQuestion[] = [];
  for (const question of questions.answerable) {
    if (!isDebianBook(question.book)) {
      corpusBooks.add(question.book);
      answerable.push({ ...question, file: libraryFileOfCorpusBook(question.book) });
      continue;
    }
    const name = basename(question.book.slice(DEBIAN_BOOK_PREFIX.length));
    if (!availableDebian.has(name)) continue;
    const file = `${DEBIAN_BOOK_PREFIX}${name}`;
    extraBooks.set(file, { source: join(debianDir, name), file });
    answerable.push({ ...question, file });
  }
  return {
    corpusBooks: [...corpusBooks],
    extraBooks: [...extraBooks.values()],
    answerable,
    unanswerable: questions.unanswerable,
    skipped: questions.answerable.length - answerable.length,
  };
}
