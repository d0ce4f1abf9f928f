// Where conversation turns are kept, newest first: Redis (shared by every bot process) or this
// process's memory.
import type { ConversationTurn } from "./conversation-turn.js";

export interface TurnStore {
  /** Newest first, at most TURNS_KEPT; [] when the conversation is new or expired. */
  recent(conversationId: string): Promise<ConversationTurn[]>;
  remember(conversationId: string, turn: ConversationTurn): Promise<void>;
  forget(conversationId: string): Promise<void>;
}
