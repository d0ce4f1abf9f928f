// How a question is read in its conversation. With an LLM configured, the LLM rewrites it into a
// question that stands alone (or returns it unchanged when it already does, a change of topic
// included), within CONVERSATION_CONDENSE_TIMEOUT_SECONDS; when the LLM fails or is slow, and
// always without one, the offline rule of follow-up.ts decides (the earlier topic's words added
// at a lower weight).
import type { QuestionCondenser } from "@ai-library/shared/answer";
import type { Logger } from "@ai-library/shared/logging";
import { detectLanguage } from "@ai-library/shared/text";
import type { ConversationTurn } from "./conversation-turn.js";
import { type FollowUp, followUpOf } from "./follow-up.js";

export interface QuestionReading {
  /** The offline reading: searched with the earlier turn's topic at a lower weight. */
  followUp?: FollowUp;
  /** The LLM's standalone question: searched and answered instead of the user's words. */
  rewritten?: string;
}

export interface ReadFollowUpDeps {
  condenser?: QuestionCondenser;
  timeoutMs: number;
  log: Logger;
}

const comparable = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** `turns` newest first, as the memory gives them. */
export async function readFollowUp(
  deps: ReadFollowUpDeps,
  question: string,
  turns: readonly ConversationTurn[],
): Promise<QuestionReading> {
  const offline = (): QuestionReading => {
    const followUp = followUpOf(question, turns[0]);
    return followUp ? { followUp } : {};
  };
  if (!deps.condenser || turns.length === 0) return offline();
  const started = Date.now();
  try {
    const rewritten = await deps.condenser.condense(
      [...turns]
        .reverse()
        .map((turn) => ({ question: turn.question, ...(turn.answer ? { answer: turn.answer } : {}) })),
      question,
      { language: detectLanguage(question), signal: AbortSignal.timeout(deps.timeoutMs) },
    );
    deps.log.debug(`Вопрос переписан LLM за ${Date.now() - started} мс`, { rewritten });
    return comparable(rewritten) === comparable(question) ? {} : { rewritten };
  } catch (error) {
    const reason =
      (error as Error).name === "TimeoutError" ? `нет ответа за ${deps.timeoutMs} мс` : (error as Error).message;
    deps.log.warn(`LLM не переписал уточняющий вопрос (${reason}); ищу по офлайн-правилу`);
    return offline();
  }
}
