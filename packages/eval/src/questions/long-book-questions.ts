// Our own questions about long real books (packages/eval/data/long-book-questions.json): each
// names its book and the exact passage text a retrieved passage must contain.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { libraryFileOfCorpusBook } from "../library/build-eval-library.js";
import type { EvalQuestion } from "./eval-question.js";

const fileSchema = z.object({
  questions: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        lang: z.enum(["en", "ru"]),
        /** Corpus-relative path of the book, e.g. epub/idpf_moby-dick.epub. */
        book: z.string(),
        question: z.string().min(5),
        passage: z.string().min(10),
      }),
    )
    .min(1),
});

export function loadLongBookQuestions(path: string): EvalQuestion[] {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join(".")}: ${issue?.message}. Fix the question file.`);
  }
  return parsed.data.questions.map((entry) => ({
    id: entry.id,
    set: "long-books" as const,
    lang: entry.lang,
    question: entry.question,
    file: libraryFileOfCorpusBook(entry.book),
    expected: entry.passage,
  }));
}

export function booksOf(path: string): string[] {
  const parsed = fileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  return [...new Set(parsed.questions.map((entry) => entry.book))];
}
