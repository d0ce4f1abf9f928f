// One evaluation question: where its answer must be found and the text that proves it.

/** "different-words": the question uses other words than the book (different-words-questions.ts). */
export type QuestionSet = "xquad" | "long-books" | "different-words";

export interface EvalQuestion {
  id: string;
  set: QuestionSet;
  lang: "en" | "ru";
  question: string;
  /** The book (file relative to BOOKS_DIR) a hit must come from. */
  file: string;
  /** Text a hit must contain: XQuAD's gold answer, or the passage a long-book question is about. */
  expected: string;
}
