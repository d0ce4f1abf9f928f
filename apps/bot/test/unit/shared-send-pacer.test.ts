// Send slots booked in the real Redis: two bot processes' pacers together stay under the one
// rate Telegram allows the token, a group under its per-minute share; without Redis each
// pacer paces alone and the outage is logged once.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@ai-library/shared/logging";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisBreaker } from "../../src/app/redis-breaker.js";
import { connectSharedRedis } from "../../src/app/shared-redis.js";
import { createSendPacer } from "../../src/telegram/send-pacer.js";
import { createSharedSendPacer } from "../../src/telegram/shared-send-pacer.js";

const REDIS_URL = "redis://127.0.0.1:6379";
const prefix = `test-send-${randomBytes(4).toString("hex")}:`;
const logDir = mkdtempSync(join(tmpdir(), "pacer-log-"));
const opened: { close(): void }[] = [];

/** Each test books in its own keys: a slot left by another test's rate would skew its timing. */
function pacer(url: string, test: string, perSecond: number, groupPerMinute = 20) {
  const lines: string[] = [];
  const logger = createLogger({ service: "test", level: "info", console: false, dir: logDir });
  logger.on("data", (info: { message: string }) => lines.push(info.message));
  const redis = connectSharedRedis(url);
  const breaker = createRedisBreaker({ redis, logger });
  opened.push(breaker, redis);
  const settings = { perSecond, groupPerMinute };
  return {
    pacer: createSharedSendPacer({
      ...settings,
      redis: breaker,
      prefix: `${prefix}${test}:`,
      local: createSendPacer(settings),
    }),
    lines,
  };
}

afterAll(async () => {
  for (const redis of opened) redis.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  rmSync(logDir, { recursive: true, force: true });
});

/**
 * Slots are booked on Redis's clock and slept out on this process's timers, so a send may
 * land up to a few tens of milliseconds off its slot under load: count in windows a little
 * shorter than the second the rate is given in.
 */
const WINDOW_MS = 900;

/** Most sends that fell in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0; start < sorted.length; start++) {
    let end = start;
    while (end < sorted.length && (sorted[end] ?? 0) - (sorted[start] ?? 0) < windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

describe("shared send pacer", () => {
  it("keeps two processes together under one global rate", async () => {
    const [one, two] = [pacer(REDIS_URL, "global", 5).pacer, pacer(REDIS_URL, "global", 5).pacer];
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        await (n % 2 === 0 ? one : two).wait(1000 + n);
        sentAt.push(performance.now());
      }),
    );
    // Slots are 200 ms apart: at most 5 in any second.
    expect(busiestWindow(sentAt, WINDOW_MS)).toBeLessThanOrEqual(5);
  });

  it("keeps a group under its per-minute share across processes", async () => {
    const [one, two] = [pacer(REDIS_URL, "group", 100, 60).pacer, pacer(REDIS_URL, "group", 100, 60).pacer];
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async (_, n) => {
        await (n % 2 === 0 ? one : two).wait(-4242);
        sentAt.push(performance.now());
      }),
    );
    // 60 a minute: one a second in that group, whichever process sends.
    expect(busiestWindow(sentAt, WINDOW_MS)).toBe(1);
  });

  it("paces alone without Redis and logs the outage once", async () => {
    const { pacer: alone, lines } = pacer("redis://127.0.0.1:1", "alone", 5);
    const sentAt: number[] = [];
    for (let n = 0; n < 8; n++) {
      await alone.wait(2000 + n);
      sentAt.push(performance.now());
    }
    expect(busiestWindow(sentAt, WINDOW_MS)).toBeLessThanOrEqual(5);
    expect(lines.filter((line) => line.includes("Redis недоступен"))).toHaveLength(1);
  });
});
