// Query expansion for questions worded differently from the book (both off by default, see
// docs/retrieval.md): thesaurus synonyms and RM3 pseudo-relevance feedback, through the bot's
// own retriever on real generations, and the merging and feedback arithmetic they rest on.
import { afterEach, describe, expect, it } from "vitest";
import { type ExpansionSettings, expandKeywordHits } from "../../src/retrieval/expansion/expand-keyword-hits.js";
import { feedbackQueryTerms, relevanceModel } from "../../src/retrieval/expansion/relevance-feedback.js";
import { type Thesaurus, thesaurusFromEntries } from "../../src/retrieval/expansion/thesaurus.js";
import type { LiveLibrary, RetrievalSettings } from "../../src/retrieval/index.js";
import { bestWindowCoverage } from "../../src/retrieval/term-proximity.js";
import { libraryOfBooks, type TestBook } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

const neutral: TestBook = {
  title: "almanac",
  chunks: Array.from({ length: 8 }, (_, i) => `Tides, fairs and ferries of the valley towns, almanac page ${i + 1}.`),
};

async function openLibrary(books: TestBook[], retrieval: Partial<RetrievalSettings>, thesaurus?: Thesaurus) {
  const library = await libraryOfBooks(books, retrieval, thesaurus);
  libraries.push(library);
  return library;
}

const titles = async (library: LiveLibrary, question: string, k = 3) =>
  (await library.search(question, k)).passages.map((passage) => passage.title);

describe("thesaurus synonyms", () => {
  const thesaurus = thesaurusFromEntries([{ word: "repeat", synonyms: ["replicate", "duplicate", "take over"] }]);
  const books: TestBook[] = [
    { title: "rep", chunks: ["The function rep() is used for replicating an object: five copies of x end to end."] },
    { title: "loops", chunks: ["The repeat loop runs its body again and again until a break statement stops it."] },
    neutral,
  ];

  it("finds the passage that says 'replicating' for a question that says 'repeats', only with the option on", async () => {
    const question = "Which command repeats things?";
    const off = await openLibrary(books, { mode: "keyword" }, thesaurus);
    expect(await titles(off, question)).not.toContain("rep");
    const on = await openLibrary(books, { mode: "keyword", thesaurusWeight: 0.2 }, thesaurus);
    expect(await titles(on, question)).toContain("rep");
  });

  it("keeps a passage in the reader's own words ahead of one that only has a synonym", async () => {
    const library = await openLibrary(books, { thesaurusWeight: 0.2 }, thesaurus);
    const found = await titles(library, "Which command repeats things?");
    expect(found.indexOf("loops")).toBeGreaterThanOrEqual(0);
    expect(found.indexOf("loops")).toBeLessThan(found.indexOf("rep"));
  });

  it("turns headwords and synonyms into index terms, leaving out phrases and stop words", () => {
    expect(thesaurus.synonymsOf("repeat")).toEqual(["replic", "duplic"]);
    expect(thesaurus.synonymsOf("replic")).toEqual([]);
    expect(thesaurusFromEntries([{ word: "the", synonyms: ["a"] }]).size).toBe(0);
  });

  it("counts a synonym near the question's other words at its lesser weight in term proximity", () => {
    const weights = new Map([
      ["repeat", 2],
      ["object", 2],
    ]);
    const synonymWeights = new Map([["replic", 0.4]]);
    expect(bestWindowCoverage(["replic", "object"], weights, 40, new Set(), synonymWeights)).toBeCloseTo(2.4 / 4);
    expect(bestWindowCoverage(["repeat", "replic", "object"], weights, 40, new Set(), synonymWeights)).toBe(1);
  });
});

describe("RM3 pseudo-relevance feedback", () => {
  const books: TestBook[] = [
    { title: "guide", chunks: ["To repeat a vector in R, replicate it with rep: rep replicates a vector end to end."] },
    { title: "reference", chunks: ["rep(x, each=2) replicates each element twice, and rep(x, times=3) the whole x."] },
    neutral,
  ];

  it("finds a passage in the words of the question's best hit, only with the option on", async () => {
    const question = "How do I repeat a vector?";
    const off = await openLibrary(books, { mode: "keyword" });
    expect(await titles(off, question)).toEqual(["guide"]);
    const on = await openLibrary(books, { mode: "keyword", rm3Weight: 0.5 });
    expect(await titles(on, question)).toEqual(["guide", "reference"]);
  });

  it("weighs terms by how often the best hits use them and how well those hits matched", () => {
    const model = relevanceModel(
      [
        { terms: ["rep", "replic", "replic", "vector"], score: 3 },
        { terms: ["rep", "loop", "x"], score: 1 },
      ],
      3,
      (term) => term !== "rep",
    );
    // P(replic) ∝ 3·2/4, P(vector) ∝ 3·1/4, P(loop) ∝ 1·1/2; "rep" is too common, "x" too short.
    expect(model.map((entry) => entry.term)).toEqual(["replic", "vector", "loop"]);
    expect(model.map((entry) => entry.weight)).toEqual(
      [1.5 / 2.75, 0.75 / 2.75, 0.5 / 2.75].map((w) => expect.closeTo(w)),
    );
  });

  it("sets feedback terms against the question's own terms as Anserini's interpolation does", () => {
    const documents = [{ terms: ["replic"], score: 1 }];
    const settings = { terms: 10, weight: 0.5 };
    // λ = 0.5 and two distinct question terms: the one model term (P = 1) weighs as much as both together.
    expect(feedbackQueryTerms(["repeat", "vector", "vector"], documents, settings, () => true)).toEqual([
      { terms: ["replic"], weight: 2 },
    ]);
    expect(feedbackQueryTerms(["repeat"], documents, { ...settings, weight: 0 }, () => true)).toEqual([]);
  });
});

describe("expanding the keyword hits", () => {
  const settings: ExpansionSettings = { rm3Weight: 0, rm3Docs: 10, rm3Terms: 10, thesaurusWeight: 0.5 };
  const source = {
    keywordCandidates: (terms: readonly string[]) =>
      terms.includes("replic")
        ? [
            { label: 3, score: 8 },
            { label: 2, score: 4 },
          ]
        : [],
    searchableTerms: (terms: readonly string[]) => [...terms],
    chunksByLabel: () => new Map(),
  };
  const hits = [
    { label: 1, score: 10 },
    { label: 2, score: 5 },
  ];

  it("adds each extra query's weighted BM25, lets its chunks join and keeps the list's length", () => {
    const expanded = expandKeywordHits(source, ["repeat"], hits, 2, settings, new Map([["replic", "repeat"]]));
    expect(expanded).toEqual([
      { label: 1, score: 10 },
      { label: 2, score: 7 },
    ]);
    expect(expandKeywordHits(source, ["repeat"], hits, 3, settings, new Map([["replic", "repeat"]]))).toContainEqual({
      label: 3,
      score: 4,
    });
  });

  it("returns the hits unchanged when no expansion is on", () => {
    expect(expandKeywordHits(source, ["repeat"], hits, 2, { ...settings, thesaurusWeight: 0 }, new Map())).toEqual(
      hits,
    );
  });
});
