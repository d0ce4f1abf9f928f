// The answer-level question set (packages/eval/data/answer-questions.json): answerable how-to,
// definition and fact questions, each naming the text the answer itself must contain, a
// snippet of the gold passage and the book's own TOC entry holding it; and questions the
// library cannot answer, where the right reply is "no answer".
import { readFileSync } from "node:fs";
import { z } from "zod";

/** Where a question's book comes from: the shared corpus, or a Debian documentation package. */
export const DEBIAN_BOOK_PREFIX = "debian/";

export const MIN_ANSWERABLE = 40;
export const MIN_UNANSWERABLE = 20;

const id = z.string().regex(/^[a-z0-9-]+$/);
const lang = z.enum(["en", "ru"]);

const answerableSchema = z.object({
  id,
  lang,
  kind: z.enum(["howto", "definition", "fact"]),
  /** Corpus-relative path (epub/…, pdf/…) or debian/<file> for a book fetched from Debian. */
  book: z.string().min(5),
  question: z.string().min(5),
  /** Text the answer must contain: a command, a number, a key phrase. */
  expect: z.string().min(1),
  /** "code": compared character for character; "prose": case does not matter. */
  match: z.enum(["code", "prose"]),
  /** A distinctive snippet of the gold passage (source recall@5). */
  passage: z.string().min(5),
  /** The book's own table-of-contents entry (chapter or section) holding the gold passage. */
  chapter: z.string().min(1),
});

const unanswerableSchema = z.object({ id, lang, question: z.string().min(5) });

const fileSchema = z
  .object({
    answerable: z.array(answerableSchema).min(MIN_ANSWERABLE),
    unanswerable: z.array(unanswerableSchema).min(MIN_UNANSWERABLE),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    for (const entry of [...file.answerable, ...file.unanswerable]) {
      if (seen.has(entry.id)) context.addIssue({ code: "custom", message: `duplicate question id ${entry.id}` });
      seen.add(entry.id);
    }
  });

export type AnswerableQuestion = z.infer<typeof answerableSchema>;
export type UnanswerableQuestion = z.infer<typeof unanswerableSchema>;
export type AnswerQuestionFile = z.infer<typeof fileSchema>;

/** Validates a parsed question file; the error names the first offending field. */
export function parseAnswerQuestions(json: unknown, source: string): AnswerQuestionFile {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".")}: ${issue?.message}. Fix the question file.`);
  }
  return parsed.data;
}

export function loadAnswerQuestions(path: string): AnswerQuestionFile {
  return parseAnswerQuestions(JSON.parse(readFileSync(path, "utf8")), path);
}

export function isDebianBook(book: string): boolean {
  return book.startsWith(DEBIAN_BOOK_PREFIX);
}
