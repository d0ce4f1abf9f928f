// The small judgements hybrid search is built from: where the question's words sit together,
// what a table of contents looks like, and how overlapping chunk texts are joined.
import { describe, expect, it } from "vitest";
import { joinOverlappingText } from "../../src/retrieval/join-overlapping-text.js";
import { looksLikeContents } from "../../src/retrieval/looks-like-contents.js";
import { bestWindowCoverage } from "../../src/retrieval/term-proximity.js";

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
