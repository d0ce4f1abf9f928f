// The offline embedder must be deterministic, unit-length, and rank a passage about the
// asked topic clearly above unrelated ones, in Russian (inflected forms) and English.
import { describe, expect, it } from "vitest";
import { dot } from "../../src/embeddings/l2-normalise.js";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";

const embedder = createLocalHashedEmbedder({ dims: 384 });

const russianPassages = {
  library:
    "Городская библиотека хранит редкие книги восемнадцатого века. Читатели могут заказать книгу в читальный зал, " +
    "а библиотекарь поможет найти нужное издание в каталоге.",
  volcano:
    "Извержение вулкана сопровождалось выбросом пепла и лавы. Вулканологи измеряли температуру потоков " +
    "и предупреждали жителей соседних деревень об опасности.",
  football:
    "Футбольный матч завершился со счётом два–один. Нападающий забил решающий гол на последней минуте, " +
    "и болельщики праздновали победу команды.",
};

const englishPassages = {
  lighthouse:
    "The lighthouse keeper climbed the tower every evening to light the lamp, so that passing ships could avoid the rocks.",
  taxes: "Income tax rates were changed by the parliament in 1998, and new deductions were introduced for families.",
  bread: "Knead the dough for ten minutes, let it rise for an hour, then bake the bread in a hot oven.",
};

async function scores(query: string, passages: Record<string, string>) {
  const names = Object.keys(passages);
  const vectors = await embedder.embedDocuments(Object.values(passages));
  const queryVector = await embedder.embedQuery(query);
  return Object.fromEntries(names.map((name, i) => [name, dot(queryVector, vectors[i] ?? queryVector)]));
}

describe("local hashed embedder", () => {
  it("identifies itself with provider, model version and dims", () => {
    expect(createLocalHashedEmbedder({ dims: 256 }).identity).toEqual({
      provider: "local",
      model: "hashed-ngrams-v1",
      dims: 256,
    });
  });

  it("is deterministic across instances and returns unit vectors of the configured length", async () => {
    const text = "Тот же текст — the same text.";
    const [first] = await createLocalHashedEmbedder({ dims: 128 }).embedDocuments([text]);
    const second = await createLocalHashedEmbedder({ dims: 128 }).embedQuery(text);
    expect(first).toHaveLength(128);
    expect(Array.from(first ?? [])).toEqual(Array.from(second));
    expect(dot(second, second)).toBeCloseTo(1, 5);
  });

  it("returns a zero vector for text without content words instead of NaNs", async () => {
    const vector = await embedder.embedQuery("и в на — !!!");
    expect(Array.from(vector).every((value) => value === 0)).toBe(true);
  });

  it("matches a Russian question in other inflected forms to the passage on that topic", async () => {
    const result = await scores("Где хранятся редкие книгами? библиотекой", russianPassages);
    expect(result.library).toBeGreaterThan((result.volcano ?? 0) + 0.15);
    expect(result.library).toBeGreaterThan((result.football ?? 0) + 0.15);
  });

  it("matches «вулканы и лава» to the eruption passage", async () => {
    const result = await scores("Что известно о вулканах и лаве?", russianPassages);
    expect(result.volcano).toBeGreaterThan(Math.max(result.library ?? 0, result.football ?? 0) + 0.15);
  });

  it("matches an English question to the passage on its topic", async () => {
    const result = await scores("Why did the keeper light the lighthouse lamps?", englishPassages);
    expect(result.lighthouse).toBeGreaterThan(Math.max(result.taxes ?? 0, result.bread ?? 0) + 0.15);
    const baking = await scores("How long should bread dough rise before baking?", englishPassages);
    expect(baking.bread).toBeGreaterThan(Math.max(baking.taxes ?? 0, baking.lighthouse ?? 0) + 0.15);
  });

  it("rejects nonsensical dims", () => {
    expect(() => createLocalHashedEmbedder({ dims: 0 })).toThrow(/dims/);
  });
});
