// The turn remembered after an answer: the question, its language, the topic a follow-up of it
// carries on (a follow-up keeps its own earlier topic, so a third turn still knows it; a
// question the LLM rewrote takes its topic from the rewrite), the sections it cited, and the
// start of the answer (what an LLM reads as the conversation so far).
import type { Answer } from "@ai-library/shared/answer";
import { detectLanguage } from "@ai-library/shared/text";
import type { ConversationTurn } from "./conversation-turn.js";
import { type FollowUp, topicWords } from "./follow-up.js";

const SOURCES_KEPT = 3;
/** A topic is a few words; a long question's first ones are enough to search with. */
const TOPIC_WORDS = 8;
/** Enough of an answer to tell what it was about. */
const ANSWER_CHARS = 400;

export function rememberTurn(
  question: string,
  followUp: FollowUp | undefined,
  answer: Answer,
  rewritten?: string,
): ConversationTurn {
  return {
    question,
    // A third turn builds on the question as it was answered: the LLM's rewrite or the offline standalone form.
    ...(rewritten || followUp?.standalone ? { asked: rewritten ?? followUp?.standalone } : {}),
    language: detectLanguage(question),
    topic:
      followUp && !rewritten
        ? followUp.topic
        : topicWords(rewritten ?? question)
            .slice(0, TOPIC_WORDS)
            .join(" "),
    ...(answer.notFound ? {} : { answer: answer.text.slice(0, ANSWER_CHARS) }),
    sources: answer.sources.slice(0, SOURCES_KEPT).map((source) => ({
      title: source.title,
      file: source.file,
      ...(source.chapter ? { chapter: source.chapter } : {}),
      ...(source.section ? { section: source.section } : {}),
    })),
  };
}
