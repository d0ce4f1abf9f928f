// The bot's conversation memory: Redis when it answers, this process's memory when it does not
// (a lost Redis must not cost answers). Which one is decided by the bot-wide Redis breaker,
// which also logs the switch, once each way per outage.
import type { RedisBreaker } from "../app/redis-breaker.js";
import { type ConversationKey, type ConversationTurn, conversationId } from "./conversation-turn.js";
import { createInProcessTurns } from "./in-process-turns.js";
import { sharedTurns } from "./shared-turns.js";

export interface ConversationMemory {
  recent(key: ConversationKey): Promise<ConversationTurn[]>;
  remember(key: ConversationKey, turn: ConversationTurn): Promise<void>;
  forget(key: ConversationKey): Promise<void>;
}

export interface ConversationMemoryDeps {
  /** Where the bot's processes share turns; undefined: this process only. */
  shared: { redis: RedisBreaker; prefix: string } | undefined;
  ttlMs: number;
}

export function createConversationMemory(deps: ConversationMemoryDeps): ConversationMemory {
  const local = createInProcessTurns(deps.ttlMs);
  const store = deps.shared ? sharedTurns({ ...deps.shared, local, ttlMs: deps.ttlMs }) : local;
  return {
    recent: (key) => store.recent(conversationId(key)),
    remember: (key, turn) => store.remember(conversationId(key), turn),
    forget: async (key) => {
      // Both: a turn kept locally during an outage must not come back after /new.
      await local.forget(conversationId(key));
      if (store !== local) await store.forget(conversationId(key));
    },
  };
}
