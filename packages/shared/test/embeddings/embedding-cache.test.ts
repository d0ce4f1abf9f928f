// The embedding cache in front of the OpenAI embedder: a repeated ingest sends nothing,
// a partly new one sends only the new texts, and identities never mix.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddingCache, type EmbeddingCache } from "../../src/embeddings/embedding-cache.js";
import { createOpenAiEmbedder } from "../../src/embeddings/openai-embedder.js";
import { withEmbeddingCache } from "../../src/embeddings/with-embedding-cache.js";
import { quietLogger } from "./quiet-logger.js";

let standin: OpenAiStandin | undefined;
const caches: EmbeddingCache[] = [];
afterEach(async () => {
  for (const cache of caches.splice(0)) cache.close();
  await standin?.close();
  standin = undefined;
});

function openCache(dir: string) {
  const cache = createEmbeddingCache(join(dir, "cache", "embeddings.sqlite"));
  caches.push(cache);
  return cache;
}

function cachedEmbedder(server: OpenAiStandin, dir: string, model = "text-embedding-3-small") {
  const remote = createOpenAiEmbedder({
    model,
    baseUrl: server.baseUrl,
    batchSize: 100,
    batchTokens: 100_000,
    maxConcurrency: 2,
    maxRetries: 0,
    timeoutMs: 10_000,
    logger: quietLogger(),
  });
  return withEmbeddingCache(remote, openCache(dir));
}

const sentTexts = (server: OpenAiStandin) =>
  server.requests.flatMap((request) => (request.body as { input: string[] }).input);

describe("embedding cache", () => {
  it("sends zero texts on a second run over the same chunks, with identical vectors", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 1536 });
    const dir = mkdtempSync(join(tmpdir(), "embedding-cache-"));
    const texts = ["глава первая", "chapter two", "глава третья", "chapter four", "эпилог"];
    const first = cachedEmbedder(standin, dir);
    const firstVectors = await first.embedDocuments(texts);
    expect(first.counters).toEqual({ hits: 0, misses: 5 });
    caches[0]?.close();

    const sentBefore = sentTexts(standin).length;
    const second = cachedEmbedder(standin, dir);
    const secondVectors = await second.embedDocuments(texts);
    expect(sentTexts(standin).length - sentBefore).toBe(0);
    expect(second.counters).toEqual({ hits: 5, misses: 0 });
    expect(secondVectors.map((vector) => Array.from(vector))).toEqual(firstVectors.map((vector) => Array.from(vector)));
  });

  it("sends only new texts, and a text repeated within a call only once", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 1536 });
    const dir = mkdtempSync(join(tmpdir(), "embedding-cache-"));
    const embedder = cachedEmbedder(standin, dir);
    await embedder.embedDocuments(["a", "b", "c"]);
    const vectors = await embedder.embedDocuments(["b", "new one", "c", "new one", "another"]);
    expect(sentTexts(standin)).toEqual(["a", "b", "c", "new one", "another"]);
    expect(vectors).toHaveLength(5);
    expect(Array.from(vectors[1] ?? [])).toEqual(Array.from(vectors[3] ?? []));
    expect(embedder.counters).toEqual({ hits: 3, misses: 5 });
  });

  it("keeps vectors of different embedder identities apart", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 1536 });
    const dir = mkdtempSync(join(tmpdir(), "embedding-cache-"));
    await cachedEmbedder(standin, dir, "text-embedding-3-small").embedDocuments(["same text"]);
    const other = cachedEmbedder(standin, dir, "text-embedding-ada-002");
    await other.embedDocuments(["same text"]);
    expect(other.counters).toEqual({ hits: 0, misses: 1 });
    expect(sentTexts(standin)).toEqual(["same text", "same text"]);
  });

  it("cannot look up before an unknown model's dims are known, and caches from then on", async () => {
    standin = await startOpenAiStandin({ embeddingDims: 40 });
    const dir = mkdtempSync(join(tmpdir(), "embedding-cache-"));
    const embedder = cachedEmbedder(standin, dir, "some-local-model");
    await embedder.embedDocuments(["x", "y"]);
    await embedder.embedDocuments(["x", "y"]);
    expect(embedder.identity.dims).toBe(40);
    expect(embedder.counters).toEqual({ hits: 2, misses: 2 });
  });

  it("explains which file failed when the cache cannot be opened", () => {
    const dir = mkdtempSync(join(tmpdir(), "embedding-cache-"));
    expect(() => createEmbeddingCache(join(dir, "\0bad", "x.sqlite"))).toThrow(
      /кэш эмбеддингов .*x\.sqlite.*его можно удалить/,
    );
  });
});
