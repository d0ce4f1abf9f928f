// When the OpenAI clients retry and how long they wait: the server's Retry-After (seconds,
// milliseconds or an HTTP date) wins over backoff, and an exhausted quota is not retried.
import { describe, expect, it } from "vitest";
import { isRetryable, retryAfterMs, withRetries } from "../../src/embeddings/openai-retry.js";

/** The shape the `openai` client throws: status, headers, body fields. */
const apiError = (status: number, headers: Record<string, string> = {}, code?: string) =>
  Object.assign(new Error(`${status}`), { status, headers: new Headers(headers), code });

describe("retry policy", () => {
  it("reads Retry-After as seconds, as an HTTP date, and prefers retry-after-ms", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs(apiError(429, { "retry-after": "7" }), now)).toBe(7000);
    expect(retryAfterMs(apiError(429, { "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(apiError(429, { "retry-after": "7", "retry-after-ms": "250" }), now)).toBe(250);
    expect(retryAfterMs(apiError(429), now)).toBeUndefined();
  });

  it("retries rate limits, server errors and dropped connections, but not bad requests or an empty quota", () => {
    expect(isRetryable(apiError(429))).toBe(true);
    expect(isRetryable(apiError(503))).toBe(true);
    expect(isRetryable(new Error("socket hang up"))).toBe(true);
    expect(isRetryable(apiError(401))).toBe(false);
    expect(isRetryable(apiError(400))).toBe(false);
    expect(isRetryable(apiError(429, {}, "insufficient_quota"))).toBe(false);
  });

  it("backs off exponentially (with jitter) when the server gives no hint, capped", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls < 5) throw apiError(500);
        return "ok";
      },
      { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 500, random: () => 1, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toEqual({ value: "ok", attempts: 5 });
    expect(waits).toEqual([100, 200, 400, 500]);
  });
});
