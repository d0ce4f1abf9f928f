// Conversation turns kept in this process: the fallback while Redis cannot be reached (and the
// store of tests without Redis). Bounded, and a conversation expires like Redis's keys do.
import { LRUCache } from "lru-cache";
import { type ConversationTurn, TURNS_KEPT } from "./conversation-turn.js";
import type { TurnStore } from "./turn-store.js";

export function createInProcessTurns(ttlMs: number, maxConversations = 10_000): TurnStore {
  const cache = new LRUCache<string, ConversationTurn[]>({ max: maxConversations, ttl: ttlMs });
  return {
    async recent(id) {
      return cache.get(id) ?? [];
    },
    async remember(id, turn) {
      cache.set(id, [turn, ...(cache.get(id) ?? [])].slice(0, TURNS_KEPT));
    },
    async forget(id) {
      cache.delete(id);
    },
  };
}
