// Conversation turns in Redis, so every bot process serving the chat sees the same ones and a
// restart loses nothing: one list per conversation, newest first, trimmed to TURNS_KEPT, its
// TTL renewed at each turn. Entries are checked when read back: another version of the bot may
// have written them, and a turn we cannot read is dropped rather than trusted.
import type { Redis } from "ioredis";
import { type ConversationTurn, type RememberedSource, TURNS_KEPT } from "./conversation-turn.js";
import type { TurnStore } from "./turn-store.js";

const optionalString = (value: unknown) => value === undefined || typeof value === "string";
const isSource = (value: unknown): value is RememberedSource => {
  const source = value as Partial<Record<keyof RememberedSource, unknown>> | null;
  return (
    typeof source === "object" &&
    source !== null &&
    typeof source.title === "string" &&
    optionalString(source.file) &&
    optionalString(source.chapter) &&
    optionalString(source.section)
  );
};

function parseTurn(raw: string): ConversationTurn[] {
  try {
    const turn = JSON.parse(raw) as Partial<Record<keyof ConversationTurn, unknown>> | null;
    const sound =
      typeof turn?.question === "string" &&
      (turn.language === "ru" || turn.language === "en") &&
      typeof turn.topic === "string" &&
      optionalString(turn.answer) &&
      Array.isArray(turn.sources) &&
      turn.sources.every(isSource);
    return sound ? [turn as ConversationTurn] : [];
  } catch {
    return [];
  }
}

export interface RedisTurnsOptions {
  redis: Redis;
  /** Key prefix, e.g. "ai-library:conversation:" (tests use their own). */
  prefix: string;
  ttlMs: number;
}

export function createRedisTurns({ redis, prefix, ttlMs }: RedisTurnsOptions): TurnStore {
  const key = (id: string) => `${prefix}${id}`;
  return {
    async recent(id) {
      const raw = await redis.lrange(key(id), 0, TURNS_KEPT - 1);
      return raw.flatMap(parseTurn);
    },
    async remember(id, turn) {
      await redis
        .multi()
        .lpush(key(id), JSON.stringify(turn))
        .ltrim(key(id), 0, TURNS_KEPT - 1)
        .pexpire(key(id), ttlMs)
        .exec();
    },
    async forget(id) {
      await redis.del(key(id));
    },
  };
}
