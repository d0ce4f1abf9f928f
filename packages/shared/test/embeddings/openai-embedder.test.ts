// The OpenAI embedder against the local OpenAI-protocol stand-in: batching by count and
// tokens, bounded concurrency, 429 + Retry-After, dims from the response, unit vectors,
// and errors that never contain the API key.
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterEach, describe, expect, it } from "vitest";
import { dot } from "../../src/embeddings/l2-normalise.js";
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from "../../src/embeddings/openai-embedder.js";
import { OpenAiRequestError } from "../../src/embeddings/openai-errors.js";
import { quietLogger } from "./quiet-logger.js";

let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

function embedderFor(server: OpenAiStandin, overrides: Partial<OpenAiEmbedderOptions> = {}) {
  return createOpenAiEmbedder({
    model: "standin-embedding",
    baseUrl: server.baseUrl,
    batchSize: 256,
    batchTokens: 100_000,
    maxConcurrency: 2,
    maxRetries: 3,
    timeoutMs: 10_000,
    logger: quietLogger(),
    ...overrides,
  });
}

/** " hello" is one cl100k token, so this text is exactly `tokens` tokens long. */
const textOfTokens = (tokens: number, tag: number) => `hello${" hello".repeat(tokens - 2)} ${tag}`;
const inputsOf = (server: OpenAiStandin) =>
  server.requests.map((request) => ((request.body as { input: string[] }).input ?? []).length);

describe("OpenAI embedder batching", () => {
  it("splits by token budget when it binds before the count limit", async () => {
    standin = await startOpenAiStandin();
    const texts = Array.from({ length: 10 }, (_, i) => textOfTokens(30, i));
    const vectors = await embedderFor(standin, { batchSize: 4, batchTokens: 100 }).embedDocuments(texts);
    expect(vectors).toHaveLength(10);
    expect(inputsOf(standin)).toEqual([3, 3, 3, 1]);
  });

  it("splits by count when texts are small, and sends an oversized text alone", async () => {
    standin = await startOpenAiStandin();
    const texts = [...Array.from({ length: 5 }, (_, i) => textOfTokens(3, i)), textOfTokens(500, 99), "tail"];
    await embedderFor(standin, { batchSize: 2, batchTokens: 100, maxConcurrency: 1 }).embedDocuments(texts);
    expect(inputsOf(standin)).toEqual([2, 2, 1, 1, 1]);
    const sent = standin.requests.flatMap((request) => (request.body as { input: string[] }).input);
    expect(sent).toEqual(texts);
  });

  it("returns vectors in input order, unit length even when the server's are not", async () => {
    standin = await startOpenAiStandin({ vectorScale: 3 });
    const texts = ["lighthouse keeper", "tax law", "lighthouse keeper"];
    const [a, b, c] = await embedderFor(standin, { batchSize: 1 }).embedDocuments(texts);
    expect(dot(a ?? new Float32Array(), a ?? new Float32Array())).toBeCloseTo(1, 5);
    expect(Array.from(a ?? [])).toEqual(Array.from(c ?? []));
    expect(Array.from(a ?? [])).not.toEqual(Array.from(b ?? []));
  });

  it("keeps at most maxConcurrency requests in flight", async () => {
    standin = await startOpenAiStandin({ responseDelayMs: 40 });
    const texts = Array.from({ length: 6 }, (_, i) => `text ${i}`);
    await embedderFor(standin, { batchSize: 1, maxConcurrency: 2 }).embedDocuments(texts);
    const requests = standin.requests;
    // Requests in flight at once: a sweep over arrivals (+1) and responses (−1), responses first
    // at equal times. (Counting the requests that overlap one request's span over-counts: with
    // staggered pairs, one request overlaps the one before and the one after it.)
    const events = requests
      .flatMap((request) => [
        { at: request.receivedAt, change: 1 },
        { at: request.respondedAt, change: -1 },
      ])
      .sort((a, b) => a.at - b.at || a.change - b.change);
    let inFlight = 0;
    let mostInFlight = 0;
    for (const { change } of events) {
      inFlight += change;
      mostInFlight = Math.max(mostInFlight, inFlight);
    }
    expect(requests).toHaveLength(6);
    expect(mostInFlight).toBe(2);
  });
});

describe("OpenAI embedder identity", () => {
  it("takes dims from the first response", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 48 });
    const embedder = embedderFor(standin);
    expect(embedder.identity).toEqual({ provider: "openai", model: "standin-embedding", dims: 0 });
    await embedder.embedQuery("first question");
    expect(embedder.identity.dims).toBe(48);
  });

  it("requests configured dimensions and records them in the identity", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 48 });
    const embedder = embedderFor(standin, { dimensions: 32 });
    expect(embedder.identity.dims).toBe(32);
    const vector = await embedder.embedQuery("x");
    expect(vector).toHaveLength(32);
    expect((standin.requests[0]?.body as { dimensions?: number } | undefined)?.dimensions).toBe(32);
  });
});

describe("OpenAI embedder failures", () => {
  it("waits for the server's Retry-After on 429 and then succeeds", async () => {
    standin = await startOpenAiStandin();
    standin.script.failNext(2, { status: 429, retryAfterSeconds: 3 });
    const waits: number[] = [];
    const embedder = embedderFor(standin, { sleep: async (ms) => void waits.push(ms) });
    const [vector] = await embedder.embedDocuments(["a question about rate limits"]);
    expect(vector).toHaveLength(64);
    expect(waits).toEqual([3000, 3000]);
    expect(standin.requests.map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it("really sleeps for Retry-After with the default clock", async () => {
    standin = await startOpenAiStandin();
    standin.script.failNext(1, { status: 429, retryAfterSeconds: 1 });
    const started = performance.now();
    await embedderFor(standin).embedQuery("q");
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(standin.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("gives up after maxRetries on server errors with a message that says what to check", async () => {
    standin = await startOpenAiStandin();
    standin.script.failNext(10, { status: 500 });
    const failure = embedderFor(standin, { maxRetries: 2, sleep: async () => {} }).embedQuery("q");
    await expect(failure).rejects.toBeInstanceOf(OpenAiRequestError);
    await expect(failure).rejects.toThrow(/HTTP 500, попыток: 3.*OPENAI_BASE_URL/);
    expect(standin.requests).toHaveLength(3);
  });

  it("never puts the API key into the error, even when the server echoes it", async () => {
    standin = await startOpenAiStandin({ apiKey: "sk-the-right-key-000000" });
    const apiKey = "sk-wrong-but-secret-key-123456789";
    const error: unknown = await embedderFor(standin, { apiKey })
      .embedDocuments(["x"])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAiRequestError);
    const text = `${String(error)} ${(error as Error).stack ?? ""}`;
    expect(text).not.toContain(apiKey);
    expect(text).toMatch(/HTTP 401.*Проверьте OPENAI_API_KEY/);
    expect(standin.requests).toHaveLength(1);
  });

  it("talks to nobody but the configured server (no tiktoken download)", async () => {
    standin = await startOpenAiStandin();
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    };
    try {
      await embedderFor(standin).embedDocuments(["Книги о море", "books about the sea"]);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((url) => url.startsWith(standin?.baseUrl ?? "-"))).toBe(true);
  });
});
