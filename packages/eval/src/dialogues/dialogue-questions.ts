// The dialogue set (packages/eval/data/dialogue-questions.json): conversations of two or three
// turns over real books. In a follow-up the last turn cannot be answered alone — it refers
// back («А как его настроить?», "And to a USB stick?"); in a topic change the last turn starts
// a new topic, and memory must not hurt it. Each names, for its last turn, the text the answer
// must contain, a snippet of the gold passage and the book's table-of-contents entry holding it;
// a follow-up also its last turn as a standalone question.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const MIN_FOLLOW_UPS = 30;
export const MIN_TOPIC_CHANGES = 20;

const dialogueSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  lang: z.enum(["en", "ru"]),
  /** Corpus-relative path (epub/…, pdf/…) or debian/<file>, as in the answer set. */
  book: z.string().min(5),
  /** The questions in order; the last is scored. */
  turns: z.array(z.string().min(2)).min(2).max(3),
  /**
   * Follow-ups: the last turn written as a question of its own, as a person would ask it first
   * (for the answer set's facts, its question): what a perfect rewrite could reach.
   */
  standalone: z.string().min(5).optional(),
  /** Text the last turn's answer must contain; "code" compares characters, "prose" ignores case. */
  expect: z.string().min(1),
  match: z.enum(["code", "prose"]),
  /** A distinctive snippet of the gold passage (recall@5 of the last turn). */
  passage: z.string().min(5),
  /** The book's own table-of-contents entry holding the gold passage. */
  chapter: z.string().min(1),
});

const fileSchema = z
  .object({
    followUps: z.array(dialogueSchema).min(MIN_FOLLOW_UPS),
    topicChanges: z.array(dialogueSchema).min(MIN_TOPIC_CHANGES),
  })
  .superRefine((file, context) => {
    file.followUps.forEach((dialogue, index) => {
      if (!dialogue.standalone)
        context.addIssue({
          code: "custom",
          path: ["followUps", index, "standalone"],
          message: "a follow-up needs its standalone question",
        });
    });
    const seen = new Set<string>();
    for (const dialogue of [...file.followUps, ...file.topicChanges]) {
      if (seen.has(dialogue.id)) context.addIssue({ code: "custom", message: `duplicate dialogue id ${dialogue.id}` });
      seen.add(dialogue.id);
    }
  });

export type Dialogue = z.infer<typeof dialogueSchema>;
export type DialogueFile = z.infer<typeof fileSchema>;
export type DialogueKind = "follow-up" | "topic change";

export function parseDialogues(json: unknown, source: string): DialogueFile {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue?.path.join(".")}: ${issue?.message}. Fix the dialogue file.`);
  }
  return parsed.data;
}

export function loadDialogues(path: string): DialogueFile {
  return parseDialogues(JSON.parse(readFileSync(path, "utf8")), path);
}

/**
 * Which half a dialogue belongs to: weights of the follow-up rewrite are tuned on the "tuning"
 * half (even positions in its list) and reported on the "held-out" half as well, so a figure
 * that only the tuning half reaches shows as such.
 */
export function halfOf(position: number): "tuning" | "held-out" {
  return position % 2 === 0 ? "tuning" : "held-out";
}
