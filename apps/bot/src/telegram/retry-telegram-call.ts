// Retries a Bot API call the way Telegram asks: after `retry_after` seconds on 429, and a
// couple of times with a short pause on 5xx and on network errors (a lost answer is worse
// than the rare duplicate). Other errors go straight back to the caller.
import type { Logger } from "@ai-library/shared/logging";
import { floodWaitSeconds, isNetworkError, isServerError } from "./telegram-errors.js";

export interface RetryPolicy {
  maxFloodRetries: number;
  /** A flood wait longer than this is not waited out: the call fails instead. */
  maxFloodWaitSeconds: number;
  maxServerRetries: number;
  serverRetryDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Called before each wait, for the log and the metrics. */
  onRetry?: (reason: "flood" | "server" | "network", waitMs: number) => void;
}

export const defaultRetryPolicy = (logger: Logger, onRetry?: RetryPolicy["onRetry"]): RetryPolicy => ({
  maxFloodRetries: 5,
  maxFloodWaitSeconds: 120,
  maxServerRetries: 2,
  serverRetryDelayMs: 500,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  onRetry: (reason, waitMs) => {
    const what = { flood: "429 Too Many Requests", server: "server error", network: "network error" }[reason];
    logger.warn(`Telegram ${what}: повтор через ${waitMs} мс`);
    onRetry?.(reason, waitMs);
  },
});

export async function retryTelegramCall<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  let floods = 0;
  let serverErrors = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const wait = floodWaitSeconds(error);
      if (wait !== undefined && floods < policy.maxFloodRetries && wait <= policy.maxFloodWaitSeconds) {
        floods += 1;
        // A little over retry_after: Telegram counts from its own clock.
        const waitMs = wait * 1000 + 50;
        policy.onRetry?.("flood", waitMs);
        await policy.sleep(waitMs);
        continue;
      }
      const network = isNetworkError(error);
      if ((network || isServerError(error)) && serverErrors < policy.maxServerRetries) {
        serverErrors += 1;
        policy.onRetry?.(network ? "network" : "server", policy.serverRetryDelayMs);
        await policy.sleep(policy.serverRetryDelayMs);
        continue;
      }
      throw error;
    }
  }
}
