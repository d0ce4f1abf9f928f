// Per-user limit on questions (RATE_LIMIT_PER_MINUTE). Over the limit, the user is told once
// per window how long to wait; further messages in that window are dropped silently, so a
// flood from one user cannot make the bot flood them back.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type RateDecision = { allowed: true } | { allowed: false; retryInSeconds: number; tellUser: boolean };

export interface QuestionRateLimiter {
  take(userId: number): Promise<RateDecision>;
}

export function createQuestionRateLimiter(perMinute: number): QuestionRateLimiter {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async take(userId) {
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
