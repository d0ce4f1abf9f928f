// Per-user limit on questions (RATE_LIMIT_PER_MINUTE). Over the limit, the user is told once
// per window how long to wait; further messages in that window are dropped silently, so a
// flood from one user cannot make the bot flood them back. Counted in Redis, so every bot
// process (webhook replicas) shares one limit per user; while Redis is down each process
// counts alone (the library's insurance limiter), which is the limit it had before.
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { SharedRedis } from "../app/shared-redis.js";

export type RateDecision = { allowed: true } | { allowed: false; retryInSeconds: number; tellUser: boolean };

export interface QuestionRateLimiter {
  take(userId: number): Promise<RateDecision>;
}

export interface SharedLimit {
  redis: SharedRedis;
  /** Key prefix, e.g. "ai-library:rate:" (tests use their own). */
  prefix: string;
}

export function createQuestionRateLimiter(perMinute: number, shared?: SharedLimit): QuestionRateLimiter {
  const local = new RateLimiterMemory({ points: perMinute, duration: 60 });
  let limiter: Promise<RateLimiterAbstract> | undefined;
  // Created on the first question: the shared Redis connects on first use.
  const limiterOf = (): Promise<RateLimiterAbstract> => {
    limiter ??= shared
      ? shared.redis.client().then(
          (storeClient) =>
            new RateLimiterRedis({
              storeClient,
              points: perMinute,
              duration: 60,
              keyPrefix: shared.prefix,
              rejectIfRedisNotReady: true,
              insuranceLimiter: local,
            }),
        )
      : Promise.resolve(local);
    return limiter;
  };
  return {
    async take(userId) {
      try {
        await (await limiterOf()).consume(userId);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return {
          allowed: false,
          retryInSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
          tellUser: refusal.consumedPoints === perMinute + 1,
        };
      }
    },
  };
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
