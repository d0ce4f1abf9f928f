// Update claims and the shared question rate limit in the real Redis: an update is handled by the first process that claims it;
// a failed one is released for Telegram's retry; one being handled is renewed past its lease and
// lets go once its process stops renewing; a handled one stays claimed and is told from one still at work;
// updates of two bots sharing a prefix never collide; without Redis every update is served and
// the outage is logged once.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@ai-library/shared/logging";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisBreaker } from "../../src/app/redis-breaker.js";
import { connectSharedRedis } from "../../src/app/shared-redis.js";
import { createUpdateClaims } from "../../src/bot/update-claims.js";
import { createQuestionRateLimiter } from "../../src/limits/question-rate-limiter.js";

const REDIS_URL = "redis://127.0.0.1:6379";
const prefix = `test-claims-${randomBytes(4).toString("hex")}:`;
const logDir = mkdtempSync(join(tmpdir(), "claims-log-"));
const opened: { close(): void }[] = [];

/** The shared Redis of one bot process, behind its breaker; `lines`: what the breaker logged. */
function breakerOn(url: string) {
  const lines: string[] = [];
  const logger = createLogger({ service: "test", level: "info", console: false, dir: logDir });
  logger.on("data", (info: { message: string }) => lines.push(info.message));
  const redis = connectSharedRedis(url);
  const breaker = createRedisBreaker({ redis, logger });
  opened.push(breaker, redis);
  return { breaker, lines };
}

function claimsOn(url: string, leaseMs = 5_000, doneMs = 60_000) {
  const { breaker, lines } = breakerOn(url);
  return { claims: createUpdateClaims(breaker, { prefix, leaseMs, doneMs }), lines };
}

afterAll(async () => {
  for (const redis of opened) redis.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(logDir, { recursive: true, force: true });
});

describe("update claims", () => {
  it("give an update to one process only, and back after a failure", async () => {
    const first = claimsOn(REDIS_URL).claims;
    const second = claimsOn(REDIS_URL).claims;
    const update = { botId: 1, updateId: 42 };
    expect(await first.claim(update)).toBe(true);
    expect(await second.claim(update)).toBe(false);
    await first.release(update);
    expect(await second.claim(update)).toBe(true);
    // Another bot's update 42 is another update.
    expect(await first.claim({ botId: 2, updateId: 42 })).toBe(true);
  });

  it("keep a handled update claimed past the lease, and let an abandoned one go after it", async () => {
    const { claims } = claimsOn(REDIS_URL, 150, 60_000);
    const handled = { botId: 1, updateId: 100 };
    const abandoned = { botId: 1, updateId: 101 };
    expect(await claims.claim(handled)).toBe(true);
    expect(await claims.claim(abandoned)).toBe(true);
    await claims.done(handled);
    // The process crashed: nothing renews its claims any more.
    claims.stopRenewals();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await claims.claim(handled)).toBe(false);
    expect(await claims.claim(abandoned)).toBe(true);
  });

  it("hold an update past its lease while it is handled (renewed), and let it go once renewals stop", async () => {
    const working = claimsOn(REDIS_URL, 150, 60_000).claims;
    const other = claimsOn(REDIS_URL, 150, 60_000).claims;
    const update = { botId: 1, updateId: 300 };
    expect(await working.claim(update)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await other.claim(update)).toBe(false);
    expect(await other.handled(update)).toBe(false);
    working.stopRenewals();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await other.claim(update)).toBe(true);
    // Handled, it outlives the lease: no renewal is left to cut it short.
    await other.done(update);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await other.handled(update)).toBe(true);
  });

  it("tell a copy of a handled update from one still at work elsewhere (the webhook answers 503 to the latter)", async () => {
    const first = claimsOn(REDIS_URL).claims;
    const second = claimsOn(REDIS_URL).claims;
    const update = { botId: 1, updateId: 200 };
    expect(await first.claim(update)).toBe(true);
    expect(await second.claim(update)).toBe(false);
    expect(await second.handled(update)).toBe(false);
    await first.done(update);
    expect(await second.claim(update)).toBe(false);
    expect(await second.handled(update)).toBe(true);
  });

  it("serve every update without Redis and log the outage once", async () => {
    // Port 1: nothing listens there.
    const { claims, lines } = claimsOn("redis://127.0.0.1:1");
    const update = { botId: 1, updateId: 7 };
    expect(await claims.claim(update)).toBe(true);
    expect(await claims.claim(update)).toBe(true);
    expect(lines.filter((line) => line.includes("Redis недоступен"))).toHaveLength(1);
  });
});

describe("the question rate limit in Redis", () => {
  it("is one limit per user across bot processes", async () => {
    const shared = () => createQuestionRateLimiter(3, { redis: breakerOn(REDIS_URL).breaker, prefix: `${prefix}rate` });
    const [one, two] = [shared(), shared()];
    const decisions = [await one.take(5), await two.take(5), await one.take(5), await two.take(5)];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect((await one.take(6)).allowed).toBe(true);
  });
});
