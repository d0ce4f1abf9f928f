// The turn remembered after an answer: the question, its language, the topic a follow-up of it
// carries on (a follow-up keeps its own earlier topic, so a third turn still knows it), and
// the sections it cited.
import type { Answer } from "@ai-library/shared/answer";
import { detectLanguage } from "@ai-library/shared/text";
import type { ConversationTurn } from "./conversation-turn.js";
import { type FollowUp, topicWords } from "./follow-up.js";

const SOURCES_KEPT = 3;
/** A topic is a few words; a long question's first ones are enough to search with. */
const TOPIC_WORDS = 8;

export function rememberTurn(question: string, followUp: FollowUp | undefined, answer: Answer): ConversationTurn {
  return {
    question,
    language: detectLanguage(question),
    topic: followUp ? followUp.topic : topicWords(question).slice(0, TOPIC_WORDS).join(" "),
    sources: answer.sources.slice(0, SOURCES_KEPT).map((source) => ({
      title: source.title,
      ...(source.chapter ? { chapter: source.chapter } : {}),
      ...(source.section ? { section: source.section } : {}),
    })),
  };
}
