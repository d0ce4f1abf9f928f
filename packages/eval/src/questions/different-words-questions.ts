// Questions worded differently from their book (packages/eval/data/different-words-questions.json):
// "repeat" where R-intro says "replicating", «патчи» where the guide says «заплаты». They
// measure the lexical remedies for vocabulary mismatch (RM3, thesaurus; docs/retrieval.md).
// Books come from the corpus or, as in the answer set, from Debian (debian/<file>); questions
// about a Debian book that could not be fetched are left out and counted.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { DEBIAN_BOOK_PREFIX, isDebianBook } from "../answers/answer-questions.js";
import { libraryFileOfCorpusBook } from "../library/build-eval-library.js";
import type { EvalQuestion } from "./eval-question.js";

const fileSchema = z.object({
  about: z.string().optional(),
  questions: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        lang: z.enum(["en", "ru"]),
        /** Corpus-relative path (epub/…, pdf/…) or debian/<file>. */
        book: z.string().min(5),
        question: z.string().min(5),
        passage: z.string().min(10),
      }),
    )
    .min(1),
});

export interface DifferentWordsSet {
  questions: EvalQuestion[];
  /** Corpus-relative books the questions need in the library. */
  corpusBooks: string[];
  /** Debian books they need: absolute source path and file in the library. */
  extraBooks: { source: string; file: string }[];
  /** Questions left out because their Debian book is missing. */
  skipped: number;
}

export function loadDifferentWordsQuestions(
  path: string,
  debianDir: string,
  availableDebian: ReadonlySet<string>,
): DifferentWordsSet {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join(".")}: ${issue?.message}. Fix the question file.`);
  }
  const corpusBooks = new Set<string>();
  const extraBooks = new Map<string, { source: string; file: string }>();
  const questions: EvalQuestion[] = [];
  for (const entry of parsed.data.questions) {
    let file: string;
    if (isDebianBook(entry.book)) {
      const name = basename(entry.book.slice(DEBIAN_BOOK_PREFIX.length));
      if (!availableDebian.has(name)) continue;
      file = `${DEBIAN_BOOK_PREFIX}${name}`;
      extraBooks.set(file, { source: join(debianDir, name), file });
    } else {
      corpusBooks.add(entry.book);
      file = libraryFileOfCorpusBook(entry.book);
    }
    questions.push({
      id: entry.id,
      set: "different-words",
      lang: entry.lang,
      question: entry.question,
      file,
      expected: entry.passage,
    });
  }
  return {
    questions,
    corpusBooks: [...corpusBooks],
    extraBooks: [...extraBooks.values()],
    skipped: parsed.data.questions.length - questions.length,
  };
}
