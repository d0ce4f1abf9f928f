// Retries a Bot API call the way Telegram asks: after `retry_after` seconds on 429, and a
// couple of times with a short pause on 5xx. Other errors go straight back to the caller.
import type { Logger } from "@ai-library/shared/logging";
import { floodWaitSeconds, isServerError } from "./telegram-errors.js";

export interface RetryPolicy {
  maxFloodRetries: number;
  /** A flood wait longer than this is not waited out: the call fails instead. */
  maxFloodWaitSeconds: number;
  maxServerRetries: number;
  serverRetryDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Called before each wait, for the log and the metrics. */
  onRetry?: (reason: "flood" | "server", waitMs: number) => void;
}

export const defaultRetryPolicy = (logger: Logger, onRetry?: RetryPolicy["onRetry"]): RetryPolicy => ({
  maxFloodRetries: 5,
  maxFloodWaitSeconds: 120,
  maxServerRetries: 2,
  serverRetryDelayMs: 1000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  onRetry: (reason, waitMs) => {
    logger.warn(`Telegram ${reason === "flood" ? "429 Too Many Requests" : "server error"}: retrying in ${waitMs} ms`);
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
      if (isServerError(error) && serverErrors < policy.maxServerRetries) {
        serverErrors += 1;
        policy.onRetry?.("server", policy.serverRetryDelayMs);
        await policy.sleep(policy.serverRetryDelayMs);
        continue;
      }
      throw error;
    }
  }
}
