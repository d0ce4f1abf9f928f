// XQuAD questions of the articles in the library, each to be found in its own article's book.
import type { EvalLanguage } from "../library/corpus.js";
import type { XquadArticle } from "../xquad/load-xquad.js";
import type { EvalQuestion } from "./eval-question.js";

export function xquadQuestions(lang: EvalLanguage, articles: XquadArticle[], files: string[]): EvalQuestion[] {
  return articles.flatMap((article, index) =>
    article.paragraphs.flatMap((paragraph) =>
      paragraph.questions.map((qa) => ({
        id: `xquad-${lang}-${qa.id}`,
        set: "xquad" as const,
        lang,
        question: qa.question,
        file: files[index] ?? "",
        expected: qa.answer,
      })),
    ),
  );
}
