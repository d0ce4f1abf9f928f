// Retries for OpenAI-compatible calls: 429 and 5xx and dropped connections are retried with
// exponential backoff and full jitter, but a server's Retry-After (or retry-after-ms) wins,
// because retrying earlier than asked only earns more 429s.
import { headerOf, statusOf } from "./openai-errors.js";

export interface RetryPolicy {
  maxRetries: number;
  /** First backoff step; doubles each attempt (default 500 ms). */
  baseDelayMs?: number;
  /** Cap for computed backoff and for Retry-After (default 60 s). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Overrides which errors are retried (default: isRetryable). */
  retryIf?: (error: unknown) => boolean;
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  status: number | undefined;
  fromRetryAfter: boolean;
}

const NEVER_RETRY = new Set([400, 401, 403, 404, 413, 422]);

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined) return !(error instanceof Error && error.name === "AbortError");
  if (status === 429) return (error as { code?: unknown }).code !== "insufficient_quota";
  return !NEVER_RETRY.has(status) && (status >= 500 || status === 408 || status === 409);
}

/** Milliseconds the server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or date). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  const milliseconds = Number(headerOf(error, "retry-after-ms"));
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && headerOf(error, "retry-after-ms") !== undefined) {
    return milliseconds;
  }
  const value = headerOf(error, "retry-after");
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `operation` until it succeeds, a non-retryable error occurs, or retries run out. */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<{ value: T; attempts: number }> {
  const base = policy.baseDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 60_000;
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const retryable = (policy.retryIf ?? isRetryable)(error);
      if (attempt > policy.maxRetries || !retryable) throw new RetriesExhausted(error, attempt);
      const asked = retryAfterMs(error);
      const delayMs =
        asked !== undefined ? Math.min(asked, cap) : Math.round(random() * Math.min(cap, base * 2 ** (attempt - 1)));
      onRetry?.({ attempt, delayMs, status: statusOf(error), fromRetryAfter: asked !== undefined });
      await sleep(delayMs);
    }
  }
}

/** Carries the last error and how many attempts were made, for the caller's error message. */
export class RetriesExhausted extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super("retries exhausted");
    this.name = "RetriesExhausted";
  }
}
