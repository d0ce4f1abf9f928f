// Conversation memory against the real Redis (its own key prefix, removed afterwards): the last
// three turns, newest first, per user and thread, with a TTL; /new forgets; two memories on one
// Redis (two bot processes) see the same turns; with Redis unreachable it keeps turns in the
// process and says so once.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@ai-library/shared/logging";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisBreaker } from "../../src/app/redis-breaker.js";
import { connectSharedRedis } from "../../src/app/shared-redis.js";
import { createConversationMemory } from "../../src/conversation/conversation-memory.js";
import type { ConversationTurn } from "../../src/conversation/conversation-turn.js";

const REDIS_URL = "redis://127.0.0.1:6379";
const prefix = `test-conversation-${randomBytes(4).toString("hex")}:`;
const ttlMs = 60_000;
const logDir = mkdtempSync(join(tmpdir(), "conversation-memory-"));
const turn = (question: string): ConversationTurn => ({
  question,
  language: "ru",
  topic: question,
  sources: [{ title: "Книга", file: "books/kniga.epub", section: "Глава" }],
});

function recordingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ service: "test", level: "info", console: false, dir: logDir });
  logger.on("data", (info: { message: string }) => lines.push(info.message));
  return { logger, lines };
}

const opened: { close(): void }[] = [];
/** The shared Redis of one bot process, behind its breaker (which logs the outages). */
function breakerOn(url: string, logger = recordingLogger().logger) {
  const redis = connectSharedRedis(url);
  const breaker = createRedisBreaker({ redis, logger });
  opened.push(breaker, redis);
  return breaker;
}
const sharedMemory = () => createConversationMemory({ shared: { redis: breakerOn(REDIS_URL), prefix }, ttlMs });

afterAll(async () => {
  for (const store of opened) store.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(logDir, { recursive: true, force: true });
});

describe("conversation memory in Redis", () => {
  it("keeps the last three turns, newest first, with a TTL", async () => {
    const memory = sharedMemory();
    const key = { chatId: 1, userId: 10 };
    for (const question of ["один", "два", "три", "четыре"]) await memory.remember(key, turn(question));
    expect((await memory.recent(key)).map((t) => t.question)).toEqual(["четыре", "три", "два"]);
    const redis = new Redis(REDIS_URL);
    const ttl = await redis.pttl(`${prefix}1:10`);
    await redis.quit();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(ttlMs);
  });

  it("keeps users, chats and threads apart, and /new forgets only its own", async () => {
    const memory = sharedMemory();
    await memory.remember({ chatId: -5, userId: 1 }, turn("первый"));
    await memory.remember({ chatId: -5, userId: 2 }, turn("второй"));
    await memory.remember({ chatId: -5, userId: 1, threadId: 7 }, turn("в теме"));
    expect((await memory.recent({ chatId: -5, userId: 2 }))[0]?.question).toBe("второй");
    expect((await memory.recent({ chatId: -5, userId: 1, threadId: 7 }))[0]?.question).toBe("в теме");
    await memory.forget({ chatId: -5, userId: 1 });
    expect(await memory.recent({ chatId: -5, userId: 1 })).toEqual([]);
    expect(await memory.recent({ chatId: -5, userId: 2 })).toHaveLength(1);
  });

  it("is shared by two bot processes' memories", async () => {
    const key = { chatId: 3, userId: 30 };
    await sharedMemory().remember(key, turn("из первого процесса"));
    // The whole turn, with the cited book's file a follow-up searches as a candidate.
    expect((await sharedMemory().recent(key))[0]).toEqual(turn("из первого процесса"));
  });

  it("drops a turn it cannot read instead of trusting it", async () => {
    const redis = new Redis(REDIS_URL);
    const badFile = { ...turn("файл не строка"), sources: [{ title: "Книга", file: 7 }] };
    await redis.lpush(`${prefix}4:40`, "not json", JSON.stringify({ question: 1 }), JSON.stringify(badFile));
    await redis.quit();
    expect(await sharedMemory().recent({ chatId: 4, userId: 40 })).toEqual([]);
  });
});

describe("without Redis", () => {
  it("keeps turns in the process and logs the outage once", async () => {
    const { logger, lines } = recordingLogger();
    // Port 1: nothing listens there, so every command fails at once.
    const memory = createConversationMemory({
      shared: { redis: breakerOn("redis://127.0.0.1:1", logger), prefix },
      ttlMs,
    });
    const key = { chatId: 9, userId: 90 };
    await memory.remember(key, turn("в памяти процесса"));
    expect((await memory.recent(key))[0]?.question).toBe("в памяти процесса");
    await memory.forget(key);
    expect(await memory.recent(key)).toEqual([]);
    expect(lines.filter((line) => line.includes("Redis недоступен"))).toHaveLength(1);
  });
});
