// Several questions' FAISS scans in one call (what the bot's search process does with the
// questions waiting for it) must give each question its own nearest chunks, the same as a scan
// of its own, whatever each search's mode and candidate count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoadedGeneration } from "../../src/index/index.js";
import { DEFAULT_RETRIEVAL_SETTINGS, vectorHitsOfMany } from "../../src/retrieval/index.js";
import { localEmbedder, publishBooks, tempStore } from "./text-library.js";

const embedder = localEmbedder();
const topics = ["маяк и смотритель", "пчёлы и улей", "сад камней", "river bridge", "storm at sea", "мёд и воск"];
let generation: LoadedGeneration;

beforeAll(async () => {
  const store = tempStore();
  await publishBooks(
    store,
    embedder,
    topics.map((topic, book) => ({
      title: `book ${book}`,
      chunks: Array.from({ length: 40 }, (_, at) => `${topic}: заметка ${at}, ${topics[(at + book) % topics.length]}`),
    })),
  );
  generation = await store.openLive();
});
afterAll(() => generation?.close());

describe("vectorHitsOfMany", () => {
  it("gives each question the hits of a scan of its own, in order", async () => {
    const questions = [...topics, "смотритель маяка ночью", "камни в саду"];
    const vectors = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
    const searches = questions.map((text, at) => ({
      query: { text, vector: vectors[at] ?? new Float32Array() },
      // Two candidate counts in one batch: each gets as many hits as it asked for.
      settings: { ...DEFAULT_RETRIEVAL_SETTINGS, vectorCandidates: at % 2 === 0 ? 5 : 12 },
    }));
    const together = vectorHitsOfMany(generation, searches);
    const alone = searches.map(({ query, settings }) =>
      generation.vectorCandidates(query.vector, settings.vectorCandidates),
    );

    expect(together.map((hits) => hits.map((hit) => hit.label))).toEqual(
      alone.map((hits) => hits.map((hit) => hit.label)),
    );
    expect(together.map((hits) => hits.length)).toEqual(searches.map((_, at) => (at % 2 === 0 ? 5 : 12)));
    together.flat().forEach((hit, at) => {
      expect(hit.score).toBeCloseTo(alone.flat()[at]?.score ?? Number.NaN, 5);
    });
    expect(new Set(together.map((hits) => hits[0]?.label)).size).toBeGreaterThan(4);
  });

  it("scans nothing for a search in keyword mode", async () => {
    const vector = await embedder.embedQuery("маяк");
    const [keywordOnly, hybrid] = vectorHitsOfMany(generation, [
      { query: { text: "маяк", vector }, settings: { ...DEFAULT_RETRIEVAL_SETTINGS, mode: "keyword" } },
      { query: { text: "маяк", vector }, settings: { ...DEFAULT_RETRIEVAL_SETTINGS } },
    ]);
    expect(keywordOnly).toEqual([]);
    expect(hybrid?.length).toBe(DEFAULT_RETRIEVAL_SETTINGS.vectorCandidates);
  });
});
