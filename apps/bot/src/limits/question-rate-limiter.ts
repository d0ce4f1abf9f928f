// Per-user limit on questions (RATE_LIMIT_PER_MINUTE). Over the limit, the user is told once
// per window how long to wait; further messages in that window are dropped silently, so a
// flood from one user cannot make the bot flood them back. Counted in Redis, so every bot
// process (webhook replicas) shares one limit per user; while the bot-wide breaker has Redis
// marked unreachable, each process counts alone in memory, which is the limit it had before.
// The memory limiter is chosen here rather than as rate-limiter-flexible's insurance limiter:
// the library would swallow the Redis failure, and the breaker must see it to spare the next
// question the same timeout.
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RedisBreaker } from "../app/redis-breaker.js";

export type RateDecision = { allowed: true } | { allowed: false; retryInSeconds: number; tellUser: boolean };

export interface QuestionRateLimiter {
  take(userId: number): Promise<RateDecision>;
}

export interface SharedLimit {
  /** The shared Redis, behind the bot-wide breaker. */
  redis: RedisBreaker;
  /** Key prefix, e.g. "ai-library:rate:" (tests use their own). */
  prefix: string;
}

export function createQuestionRateLimiter(perMinute: number, shared?: SharedLimit): QuestionRateLimiter {
  const local = new RateLimiterMemory({ points: perMinute, duration: 60 });
  if (!shared) return { take: (userId) => decide(local, userId, perMinute) };
  let onRedis: RateLimiterRedis | undefined;
  return {
    take: (userId) =>
      shared.redis.run(
        (storeClient) => {
          // Built on first use: the shared Redis connects on the first question that needs it.
          onRedis ??= new RateLimiterRedis({
            storeClient,
            points: perMinute,
            duration: 60,
            keyPrefix: shared.prefix,
            rejectIfRedisNotReady: true,
          });
          return decide(onRedis, userId, perMinute);
        },
        () => decide(local, userId, perMinute),
      ),
  };
}

/** A refusal is an answer; any other rejection (Redis failed) is left to the caller. */
async function decide(limiter: RateLimiterAbstract, userId: number, perMinute: number): Promise<RateDecision> {
  try {
    await limiter.consume(userId);
    return { allowed: true };
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return {
      allowed: false,
      retryInSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      tellUser: refusal.consumedPoints === perMinute + 1,
    };
  }
}

/** At most one notice per user per interval (access refusals, "text only" replies). */
export function createNoticeThrottle(intervalSeconds = 60): (userId: number) => Promise<boolean> {
  const limiter = new RateLimiterMemory({ points: 1, duration: intervalSeconds });
  return async (userId) => {
    try {
      await limiter.consume(userId);
      return true;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return false;
      throw refusal;
    }
  };
}
