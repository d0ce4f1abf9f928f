// The bot-wide Redis breaker against a real redis-server of the test's own, frozen with SIGSTOP
// (connections open, no reply): the first command to time out marks Redis unreachable for every
// feature, and each question after it is served from the process's own state without waiting a
// command timeout; the outage is logged once; after SIGCONT the probe finds Redis back and every
// feature — update claims, question rate limit, conversation memory, send pacing — uses it again.
// A Redis that was not running is used as soon as the connection to it is ready.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@ai-library/shared/logging";
import { freePort } from "@ai-library/standins/net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueStatusReader } from "../../src/app/queue-status.js";
import { createRedisBreaker, type RedisBreaker } from "../../src/app/redis-breaker.js";
import { connectSharedRedis, type SharedRedis } from "../../src/app/shared-redis.js";
import { createUpdateClaims } from "../../src/bot/update-claims.js";
import { createConversationMemory } from "../../src/conversation/conversation-memory.js";
import { createQuestionRateLimiter } from "../../src/limits/question-rate-limiter.js";
import { createSendPacer } from "../../src/telegram/send-pacer.js";
import { createSharedSendPacer } from "../../src/telegram/shared-send-pacer.js";
import { type FreezableRedis, startFreezableRedis } from "../freezable-redis.js";

/** The shared connection's command timeout (shared-redis.ts): what each question used to wait. */
const COMMAND_TIMEOUT_MS = 1_000;
/** Probes every 0.5 s instead of 5 s, so recovery is seen quickly. */
const RETRY_AFTER_MS = 500;

const logDir = mkdtempSync(join(tmpdir(), "redis-breaker-"));
const lines: string[] = [];
let server: FreezableRedis;
let shared: SharedRedis;
let breaker: RedisBreaker;
let inspect: Redis;

beforeAll(async () => {
  server = await startFreezableRedis();
  const logger = createLogger({ service: "test", level: "info", console: false, dir: logDir });
  logger.on("data", (info: { message: string }) => lines.push(info.message));
  shared = connectSharedRedis(server.url);
  breaker = createRedisBreaker({ redis: shared, logger, retryAfterMs: RETRY_AFTER_MS });
  inspect = new Redis(server.url, { lazyConnect: true });
});

afterAll(async () => {
  breaker?.close();
  shared?.close();
  inspect?.disconnect();
  await server?.stop();
  rmSync(logDir, { recursive: true, force: true });
});

/** Every Redis-using feature of one bot process, on one breaker, as build-bot-deps.ts wires them. */
function botFeatures(ratePerMinute = 1_000) {
  return {
    claims: createUpdateClaims(breaker, { prefix: "update:", leaseMs: 15_000, doneMs: 60_000 }),
    limiter: createQuestionRateLimiter(ratePerMinute, { redis: breaker, prefix: "rate" }),
    memory: createConversationMemory({ shared: { redis: breaker, prefix: "conversation:" }, ttlMs: 60_000 }),
    pacer: createSharedSendPacer({
      redis: breaker,
      prefix: "send:",
      perSecond: 1_000,
      groupPerMinute: 60_000,
      local: createSendPacer({ perSecond: 1_000, groupPerMinute: 60_000 }),
    }),
  };
}

/** What the bot does in Redis for one question (create-bot.ts, question.ts); resolves with its duration in ms. */
async function askOnce(features: ReturnType<typeof botFeatures>, updateId: number, userId: number): Promise<number> {
  const startedAt = performance.now();
  const update = { botId: 1, updateId };
  const conversation = { chatId: userId, userId };
  expect(await features.claims.claim(update)).toBe(true);
  expect((await features.limiter.take(userId)).allowed).toBe(true);
  const earlier = await features.memory.recent(conversation);
  await features.pacer.wait(userId);
  await features.memory.remember(conversation, {
    question: `вопрос ${updateId}`,
    language: "ru",
    topic: "маяк",
    sources: [{ title: "Маяк" }],
  });
  await features.claims.done(update);
  expect(earlier.length).toBeLessThanOrEqual(3);
  return performance.now() - startedAt;
}

const logged = (text: string) => lines.filter((line) => line.includes(text)).length;

describe("the bot-wide Redis breaker", () => {
  it("serves questions without waiting a timeout while Redis is frozen, and shares through Redis again after", async () => {
    const features = botFeatures();
    await askOnce(features, 1, 11);
    expect(await inspect.get("update:1:1")).toBe("done");

    server.freeze();
    // The first question meets the frozen Redis and waits out one command timeout (its claim);
    // every other feature already knows and goes local.
    const first = await askOnce(features, 2, 12);
    expect(first).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS * 0.9);
    expect(first).toBeLessThan(COMMAND_TIMEOUT_MS * 2);
    expect(breaker.down).toBe(true);

    // Then questions go straight to the process's own state, through several failed probes.
    const durations: number[] = [];
    const frozenUntil = Date.now() + 3 * (RETRY_AFTER_MS + COMMAND_TIMEOUT_MS);
    for (let updateId = 3; Date.now() < frozenUntil; updateId++) {
      durations.push(await askOnce(features, updateId, 10 + (updateId % 3)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(durations.length).toBeGreaterThan(10);
    expect(Math.max(...durations)).toBeLessThan(COMMAND_TIMEOUT_MS / 2);
    // The conversation went on in the process's memory meanwhile.
    expect((await features.memory.recent({ chatId: 12, userId: 12 }))[0]?.question).toMatch(/^вопрос \d+$/);

    // The rate limit is this process's own while Redis is down, and still holds.
    const strict = botFeatures(2).limiter;
    const decisions = [await strict.take(77), await strict.take(77), await strict.take(77)];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);

    // /status does not wait on a Redis that is known to be unreachable (a frozen one would hold it).
    const readQueue = createQueueStatusReader({ redisUrl: server.url, prefix: "queue", redisDown: () => breaker.down });
    const readStartedAt = performance.now();
    expect((await readQueue()).available).toBe(false);
    expect(performance.now() - readStartedAt).toBeLessThan(100);

    expect(logged("Redis недоступен")).toBe(1);
    expect(logged("Redis снова доступен")).toBe(0);

    server.thaw();
    await expect.poll(() => breaker.down, { timeout: 5_000, interval: 50 }).toBe(false);
    expect(logged("Redis снова доступен")).toBe(1);

    // Every feature writes to Redis again: what it writes is there for the other processes.
    await inspect.flushall();
    await askOnce(features, 100, 42);
    expect(await inspect.get("update:1:100")).toBe("done");
    expect(Number(await inspect.get("rate:42"))).toBe(1);
    expect(await inspect.lrange("conversation:42:42", 0, -1)).toHaveLength(1);
    expect(await inspect.pttl("send:global")).toBeGreaterThan(0);
    // A second bot process sees the first one's conversation.
    expect((await botFeatures().memory.recent({ chatId: 42, userId: 42 }))[0]?.question).toBe("вопрос 100");
    expect(logged("Redis недоступен")).toBe(1);
  });

  it("uses a Redis that was down as soon as it is back, without waiting for the next timed probe", async () => {
    const port = await freePort();
    const logger = createLogger({ service: "test", level: "info", console: false, dir: logDir });
    const late = connectSharedRedis(`redis://127.0.0.1:${port}`);
    // A timed probe only after a minute: within this test, only the connection's "ready" can end the outage.
    const lateBreaker = createRedisBreaker({ redis: late, logger, retryAfterMs: 60_000 });
    const claims = createUpdateClaims(lateBreaker, { prefix: "late:", leaseMs: 15_000, doneMs: 60_000 });
    let restarted: FreezableRedis | undefined;
    try {
      expect(await claims.claim({ botId: 1, updateId: 1 })).toBe(true);
      expect(lateBreaker.down).toBe(true);
      restarted = await startFreezableRedis(port);
      await expect.poll(() => lateBreaker.down, { timeout: 10_000, interval: 50 }).toBe(false);
      const other = new Redis(restarted.url);
      try {
        expect(await claims.claim({ botId: 1, updateId: 2 })).toBe(true);
        expect(await other.get("late:1:2")).toBeTruthy();
      } finally {
        other.disconnect();
      }
    } finally {
      lateBreaker.close();
      late.close();
      await restarted?.stop();
    }
  });
});
