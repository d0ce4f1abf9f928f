// What the bot remembers of one question it answered, for the follow-ups that come after it,
// and whose memory a message belongs to.
import type { Lang } from "../i18n/index.js";

/** Most turns kept per conversation (issue 20: the last three). */
export const TURNS_KEPT = 3;

/** Callback data of the «Новая тема» button under a follow-up's answer. */
export const NEW_CONVERSATION_CALLBACK = "new";

export interface RememberedSource {
  title: string;
  /** The book's file in the library (turns written before it have none). */
  file?: string;
  chapter?: string;
  section?: string;
}

export interface ConversationTurn {
  question: string;
  /** The question as it was answered: a follow-up's standalone form (questionToAnswer); absent in older turns. */
  asked?: string;
  language: Lang;
  /** The words a follow-up of this turn is searched with: the question's own, or the context it carried on. */
  topic: string;
  sources: RememberedSource[];
  /** The start of the answer given, for an LLM to read as the conversation so far. */
  answer?: string;
}

/**
 * One conversation: a user in a chat (in a group each user has their own), or a forum topic /
 * reply thread when the message is in one.
 */
export interface ConversationKey {
  chatId: number;
  userId: number;
  threadId?: number;
}

export function conversationId(key: ConversationKey): string {
  return `${key.chatId}:${key.userId}${key.threadId !== undefined ? `:${key.threadId}` : ""}`;
}
