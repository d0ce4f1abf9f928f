// Reads an XQuAD file (SQuAD v1.1 format, google-deepmind/xquad, CC BY-SA 4.0): 48 articles,
// 240 paragraphs, 1190 questions with one gold answer each. The shape is checked, not assumed.
import { readFileSync } from "node:fs";
import { z } from "zod";

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({ id: z.string(), question: z.string(), answers: z.array(z.object({ text: z.string() })).min(1) }),
          ),
        }),
      ),
    }),
  ),
});

export interface XquadQuestion {
  id: string;
  question: string;
  answer: string;
}

export interface XquadArticle {
  title: string;
  paragraphs: { context: string; questions: XquadQuestion[] }[];
}

const BOM = /^\uFEFF/;

export function loadXquad(path: string): XquadArticle[] {
  const parsed = squadSchema.safeParse(JSON.parse(readFileSync(path, "utf8").replace(BOM, "")));
  if (!parsed.success) {
    throw new Error(`${path} is not in SQuAD v1.1 format: ${parsed.error.issues[0]?.message ?? "unknown problem"}`);
  }
  return parsed.data.data.map((article) => ({
    title: article.title.replace(/_/g, " "),
    paragraphs: article.paragraphs.map((paragraph) => ({
      // 7 Russian contexts start with a BOM; it is not text.
      context: paragraph.context.replace(BOM, ""),
      questions: paragraph.qas.map((qa) => ({ id: qa.id, question: qa.question, answer: qa.answers[0]?.text ?? "" })),
    })),
  }));
}
