// The bot's conversation memory: Redis when it answers, this process's memory when it does not
// (a lost Redis must not cost answers). The switch is logged once each way, not per question.
import type { Logger } from "@ai-library/shared/logging";
import { type ConversationKey, type ConversationTurn, conversationId } from "./conversation-turn.js";
import { createInProcessTurns } from "./in-process-turns.js";
import type { TurnStore } from "./turn-store.js";

export interface ConversationMemory {
  recent(key: ConversationKey): Promise<ConversationTurn[]>;
  remember(key: ConversationKey, turn: ConversationTurn): Promise<void>;
  forget(key: ConversationKey): Promise<void>;
}

export interface ConversationMemoryDeps {
  /** Shared store (Redis); undefined: this process only. */
  shared: TurnStore | undefined;
  ttlMs: number;
  logger: Logger;
}

export function createConversationMemory(deps: ConversationMemoryDeps): ConversationMemory {
  const local = createInProcessTurns(deps.ttlMs);
  let sharedDown = false;

  const withFallback = async <T>(use: (store: TurnStore) => Promise<T>): Promise<T> => {
    if (!deps.shared) return use(local);
    try {
      const result = await use(deps.shared);
      if (sharedDown) {
        sharedDown = false;
        deps.logger.info("Память диалогов: Redis снова доступен");
      }
      return result;
    } catch (error) {
      if (!sharedDown) {
        sharedDown = true;
        deps.logger.warn(
          `Память диалогов: Redis недоступен (${(error as Error).message}); храню диалоги в памяти процесса`,
        );
      }
      return use(local);
    }
  };

  return {
    recent: (key) => withFallback((store) => store.recent(conversationId(key))),
    remember: (key, turn) => withFallback((store) => store.remember(conversationId(key), turn)),
    forget: async (key) => {
      // Both: a turn kept locally during an outage must not come back after /new.
      await local.forget(conversationId(key));
      await withFallback((store) => store.forget(conversationId(key)));
    },
  };
}
