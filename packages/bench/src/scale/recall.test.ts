// recall@k decides which INDEX_FACTORY the docs recommend, so it must count exactly.
import { describe, expect, it } from "vitest";
import { recallAtK } from "./recall.js";

describe("recallAtK", () => {
  it("averages the share of exact top-k labels found, per query", () => {
    const exact = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ];
    const approx = [
      [4, 3, 9, 9], // 2 of 4, order does not matter
      [5, 6, 7, 8], // 4 of 4
    ];
    expect(recallAtK(exact, approx, 4)).toBeCloseTo((2 / 4 + 4 / 4) / 2);
  });

  it("looks only at the first k of each list and ignores FAISS's -1 'no result'", () => {
    expect(recallAtK([[1, 2, 3]], [[9, 1, -1]], 2)).toBeCloseTo(1 / 2);
    expect(recallAtK([[1, -1]], [[-1, -1]], 2)).toBe(0);
  });

  it("does not count a label returned twice as two hits", () => {
    expect(recallAtK([[1, 2]], [[1, 1]], 2)).toBeCloseTo(1 / 2);
  });

  it("rejects result lists for a different number of queries", () => {
    expect(() => recallAtK([[1]], [], 1)).toThrow(/1 exact vs 0/);
  });
});
