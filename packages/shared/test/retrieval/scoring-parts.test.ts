// The small judgements hybrid search is built from: where the question's words sit together,
// whether its word pairs recur, which book and neighbours back a chunk, what a table of
// contents looks like, and how overlapping chunk texts are joined.
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunking/types.js";
import { keywordTerms } from "../../src/index/index.js";
import { withBookEvidence, withNeighbourEvidence } from "../../src/retrieval/book-evidence.js";
import { groupAdjacentHits } from "../../src/retrieval/group-adjacent-hits.js";
import { joinOverlappingText } from "../../src/retrieval/join-overlapping-text.js";
import { looksLikeContents } from "../../src/retrieval/looks-like-contents.js";
import { topicTerms, withFramingWeighedDown } from "../../src/retrieval/question-frame-terms.js";
import { bestWindowCoverage, orderedPairCoverage } from "../../src/retrieval/term-proximity.js";

const weights = new Map([
  ["keeper", 1],
  ["lamp", 2],
  ["lighthous", 3],
]);
const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

describe("term proximity", () => {
  it("gives full coverage when all question terms sit within one window", () => {
    expect(bestWindowCoverage([...filler(50), "keeper", "lamp", "lighthous", ...filler(50)], weights, 40)).toBe(1);
  });

  it("gives only the best window's share when the terms are scattered", () => {
    const scattered = ["keeper", ...filler(45), "lamp", ...filler(45), "lighthous"];
    expect(bestWindowCoverage(scattered, weights, 40)).toBeCloseTo(3 / 6);
  });

  it("counts terms of the book or chapter title as present everywhere", () => {
    const terms = ["keeper", ...filler(45), "lamp"];
    expect(bestWindowCoverage(terms, weights, 40, new Set(["lighthous"]))).toBeCloseTo(5 / 6);
  });
});

describe("ordered word pairs", () => {
  const question = ["keeper", "lamp", "lighthous"];

  it("credits each pair of consecutive question terms found side by side, weighted by its rarer term", () => {
    // Pairs: keeper→lamp (weight 1), lamp→lighthous (weight 2).
    expect(orderedPairCoverage(["w", "lamp", "lighthous", "w"], question, weights)).toBeCloseTo(2 / 3);
    expect(orderedPairCoverage(["keeper", "lamp", "lighthous"], question, weights)).toBe(1);
  });

  it("gives nothing for the same words apart or in the other order", () => {
    expect(orderedPairCoverage(["lamp", "w", "keeper", "lighthous", "lamp"], question, weights)).toBe(0);
  });
});

describe("book and neighbour evidence", () => {
  // Two books: a 4-chunk article (labels 0–3) and a 100-chunk book (labels 4–103).
  const books = [
    { firstLabel: 4, chunkCount: 100 },
    { firstLabel: 0, chunkCount: 4 },
  ];

  it("puts a chunk whose short book holds other good candidates ahead of an equal chunk alone in a long book", () => {
    const hits = [
      { label: 50, score: 1 },
      { label: 2, score: 1 },
      { label: 0, score: 0.7 },
      { label: 60, score: 0.6 },
    ];
    const ranked = withBookEvidence(hits, books, 0.5);
    expect(ranked.map((hit) => hit.label)).toEqual([2, 0, 50, 60]);
    expect(ranked[0]?.score).toBeCloseTo(1.5);
  });

  it("leaves the order alone at weight 0", () => {
    const hits = [
      { label: 50, score: 1 },
      { label: 2, score: 0.9 },
    ];
    expect(withBookEvidence(hits, books, 0)).toEqual(hits);
  });

  it("lifts a chunk next to a strong one of the same book, not across a book boundary", () => {
    const hits = [
      { label: 10, score: 1 },
      { label: 3, score: 0.9 },
      { label: 11, score: 0.5 },
      { label: 4, score: 0.55 },
    ];
    const ranked = withNeighbourEvidence(hits, books, 0.2);
    // 11 gains 0.2 × 1 (its neighbour 10); 4 would gain from 3, but 3 is in the other book.
    expect(ranked.find((hit) => hit.label === 11)?.score).toBeCloseTo(0.7);
    expect(ranked.find((hit) => hit.label === 4)?.score).toBeCloseTo(0.55);
    expect(ranked.map((hit) => hit.label)).toEqual([10, 3, 11, 4]);
  });
});

describe("passages from ranked hits", () => {
  const chunk = (position: number): Chunk => ({
    bookId: "a".repeat(64),
    title: "Book",
    file: "book.epub",
    chapter: "One",
    position,
    text: `chunk ${position}`,
  });
  const chunks = new Map([10, 11, 30].map((label) => [label, chunk(label)]));

  it("lets a lower hit next to an open passage join it even when all k passages are open", () => {
    const hits = [
      { label: 10, score: 1 },
      { label: 30, score: 0.9 },
      { label: 11, score: 0.6 },
    ];
    const groups = groupAdjacentHits(hits, chunks, 1, 3);
    expect(groups.map((group) => group.labels)).toEqual([[10, 11]]);
  });
});

describe("table of contents", () => {
  it("is recognised by its dot leaders and page numbers", () => {
    const contents =
      "4.1 Метод Гаусса . . . . . . . . . 18\n4.2 Однородные системы . . . . . . . . 18\n4.3 Матрицы . . . . . . . 19";
    expect(looksLikeContents(contents)).toBe(true);
  });

  it("is not confused with prose that has an ellipsis or a list", () => {
    expect(looksLikeContents("He paused... and then, after 12 seconds, went on. 1. First. 2. Second.")).toBe(false);
  });
});

describe("joining overlapping chunks", () => {
  it("writes the shared stretch once", () => {
    const joined = joinOverlappingText(
      "The keeper winds the clock every Sunday, and when the",
      "every Sunday, and when the bell rings",
    );
    expect(joined.text).toBe("The keeper winds the clock every Sunday, and when the bell rings");
    expect(joined.secondStart).toBe("The keeper winds the clock ".length);
  });

  it("puts a line break between texts that share nothing", () => {
    expect(joinOverlappingText("First chunk.", "Second chunk.").text).toBe("First chunk.\nSecond chunk.");
  });
});

describe("a question's framing words", () => {
  it("leave the candidate query when a topic word is left, and count a quarter in proximity", () => {
    const terms = keywordTerms("Что означает сокращение FTBFS?");
    expect(topicTerms(terms)).toEqual(keywordTerms("FTBFS"));
    const weights = withFramingWeighedDown(new Map(terms.map((term) => [term, 4])), topicTerms(terms));
    expect(weights.get(keywordTerms("FTBFS")[0] ?? "")).toBe(4);
    expect(weights.get(keywordTerms("сокращение")[0] ?? "")).toBe(1);
    const english = keywordTerms("What does NA stand for?");
    expect(topicTerms(english)).toEqual(keywordTerms("does NA"));
  });

  it("stay when the question is made of nothing else", () => {
    const terms = keywordTerms("Что означает сокращение?");
    expect(topicTerms(terms)).toEqual(terms);
    const weights = new Map(terms.map((term) => [term, 2]));
    expect(withFramingWeighedDown(weights, topicTerms(terms))).toBe(weights);
  });
});
