// Which books a question set needs and where each question's book sits in the evaluation
// library: corpus books under books/ (as the long-book set), Debian books under debian/.
// Questions about a Debian book that could not be fetched are left out, and counted. The
// answer set and the dialogue set (dialogues/) are placed the same way.
import { basename, join } from "node:path";
import { libraryFileOfCorpusBook } from "../library/build-eval-library.js";
import {
  type AnswerQuestionFile,
  DEBIAN_BOOK_PREFIX,
  isDebianBook,
  type UnanswerableQuestion,
} from "./answer-questions.js";
import type { PlacedQuestion } from "./run-answer-set.js";

/** The books a set of questions needs, and each question with the file its book has in the library. */
export interface PlacedBooks<T> {
  /** Corpus-relative books to add to the library. */
  corpusBooks: string[];
  /** Fetched books to add: absolute source path and file in the library. */
  extraBooks: { source: string; file: string }[];
  placed: (T & { file: string })[];
  /** Questions left out because their book is missing. */
  skipped: number;
}

export function placeQuestionBooks<T extends { book: string }>(
  questions: readonly T[],
  debianDir: string,
  availableDebian: ReadonlySet<string>,
): PlacedBooks<T> {
  const corpusBooks = new Set<string>();
  const extraBooks = new Map<string, { source: string; file: string }>();
  const placed: (T & { file: string })[] = [];
  for (const question of questions) {
    if (!isDebianBook(question.book)) {
      corpusBooks.add(question.book);
      placed.push({ ...question, file: libraryFileOfCorpusBook(question.book) });
      continue;
    }
    const name = basename(question.book.slice(DEBIAN_BOOK_PREFIX.length));
    if (!availableDebian.has(name)) continue;
    const file = `${DEBIAN_BOOK_PREFIX}${name}`;
    extraBooks.set(file, { source: join(debianDir, name), file });
    placed.push({ ...question, file });
  }
  return {
    corpusBooks: [...corpusBooks],
    extraBooks: [...extraBooks.values()],
    placed,
    skipped: questions.length - placed.length,
  };
}

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
  const { corpusBooks, extraBooks, placed, skipped } = placeQuestionBooks(
    questions.answerable,
    debianDir,
    availableDebian,
  );
  return { corpusBooks, extraBooks, answerable: placed, unanswerable: questions.unanswerable, skipped };
}
