// Protocol-shape tests: the official `openai` client (the one @langchain/openai wraps)
// must be able to talk to the stand-in exactly as it talks to the real API.
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { type OpenAiStandin, startOpenAiStandin } from "../src/openai/index.js";

let standin: OpenAiStandin | undefined;
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

function clientFor(server: OpenAiStandin, apiKey = "sk-standin-test-key", maxRetries = 0) {
  return new OpenAI({ apiKey, baseURL: server.baseUrl, maxRetries });
}

describe("OpenAI stand-in: embeddings", () => {
  it("returns one vector per input in order, decodable by the client's default base64 format", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 32 });
    const result = await clientFor(standin).embeddings.create({
      model: "text-embedding-3-small",
      input: ["книги о море", "books about the sea", "книги о море"],
    });
    expect(result.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(result.data.every((item) => item.embedding.length === 32)).toBe(true);
    expect(result.data[0]?.embedding).toEqual(result.data[2]?.embedding);
    expect(result.data[0]?.embedding).not.toEqual(result.data[1]?.embedding);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect((standin.requests[0]?.body as { encoding_format?: string } | undefined)?.encoding_format).toBe("base64");
  });

  it("honours `dimensions` and float encoding; texts sharing words are closer than unrelated ones", async () => {
    standin = await startOpenAiStandin();
    const result = await clientFor(standin).embeddings.create({
      model: "m",
      input: ["the old lighthouse keeper", "a lighthouse keeper at night", "tax law of 1998"],
      dimensions: 128,
      encoding_format: "float",
    });
    const [a, b, c] = result.data.map((item) => item.embedding);
    const dot = (x: number[] = [], y: number[] = []) => x.reduce((sum, value, i) => sum + value * (y[i] ?? 0), 0);
    expect(a).toHaveLength(128);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.2);
  });
});

describe("OpenAI stand-in: chat completions", () => {
  const messages = [
    { role: "system" as const, content: "Answer from the passages." },
    { role: "user" as const, content: 'Q?\n<passage n="1">The keeper lit the lamp. Then he slept.</passage>' },
  ];

  it("answers non-streaming requests with a cited quote of the first passage", async () => {
    standin = await startOpenAiStandin();
    const completion = await clientFor(standin).chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(completion.choices[0]?.message.content).toBe('According to the book [1]: "The keeper lit the lamp."');
    expect(completion.choices[0]?.finish_reason).toBe("stop");
  });

  it("streams SSE chunks that reassemble to the scripted reply, with usage when asked", async () => {
    standin = await startOpenAiStandin({ streamChunkChars: 5 });
    standin.script.setReply((received) => `echo:${received.length}:${received[1]?.content.slice(0, 2)}`);
    const stream = await clientFor(standin).chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usageSeen = false;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) deltas.push(delta);
      if (chunk.usage) usageSeen = true;
    }
    expect(deltas.join("")).toBe("echo:2:Q?");
    expect(deltas.length).toBeGreaterThan(1);
    expect(usageSeen).toBe(true);
  });
});

describe("OpenAI stand-in: models, auth, faults, recording", () => {
  it("lists models", async () => {
    standin = await startOpenAiStandin({ models: ["a", "b"] });
    const models = await clientFor(standin).models.list();
    expect(models.data.map((model) => model.id)).toEqual(["a", "b"]);
  });

  it("rejects a wrong key with 401 and records requests without the authorization header", async () => {
    standin = await startOpenAiStandin({ apiKey: "sk-right-key-123456" });
    await expect(clientFor(standin, "sk-wrong-key-654321").models.list()).rejects.toMatchObject({ status: 401 });
    await expect(clientFor(standin, "sk-right-key-123456").models.list()).resolves.toBeTruthy();
    expect(standin.requests.map((request) => request.status)).toEqual([401, 200]);
    expect(JSON.stringify(standin.requests)).not.toContain("sk-right-key-123456");
    expect(standin.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("fails the next N requests with 429 + Retry-After, then serves normally", async () => {
    standin = await startOpenAiStandin();
    standin.script.failNext(2, { status: 429, retryAfterSeconds: 7 });
    const raw = await fetch(`${standin.baseUrl}/models`);
    expect(raw.status).toBe(429);
    expect(raw.headers.get("retry-after")).toBe("7");
    await expect(clientFor(standin).models.list()).rejects.toMatchObject({ status: 429 });
    await expect(clientFor(standin).models.list()).resolves.toBeTruthy();
  });

  it("injects 500s that the official client retries by itself", async () => {
    standin = await startOpenAiStandin();
    standin.script.failNext(1, { status: 500 });
    const result = await clientFor(standin, "k", 2).embeddings.create({ model: "m", input: "x" });
    expect(result.data).toHaveLength(1);
    expect(standin.requests.map((request) => request.status)).toEqual([500, 200]);
  });

  it("answers 400 to malformed bodies and 404 to unknown paths", async () => {
    standin = await startOpenAiStandin();
    const bad = await fetch(`${standin.baseUrl}/embeddings`, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${standin.baseUrl}/nothing`);
    expect(missing.status).toBe(404);
    expect(standin.requests.map((request) => [request.path, request.status])).toEqual([
      ["/v1/embeddings", 400],
      ["/v1/nothing", 404],
    ]);
  });
});
