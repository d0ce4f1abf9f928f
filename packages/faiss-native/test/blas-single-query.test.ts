// faiss_tuning.h sends single-query searches through OpenBLAS's sgemm instead of FAISS's own
// dot-product loop. The neighbours must be exactly those of a brute-force scan, over more rows
// than one sgemm block (FAISS computes 1024 database rows per call) and for both metrics.
import { describe, expect, it } from "vitest";
import { loadFaiss } from "../src/index.js";

const DIMS = 48;
const ROWS = 3000;
const K = 10;

function randomVectors(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count * DIMS }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  });
}

function bruteForce(score: (row: number) => number, best: "max" | "min") {
  const scored = Array.from({ length: ROWS }, (_, row) => ({ row, value: score(row) }));
  scored.sort((a, b) => (best === "max" ? b.value - a.value : a.value - b.value));
  return scored.slice(0, K);
}

function expectCloseScores(distances: number[], expected: { value: number }[]): void {
  distances.forEach((distance, rank) => {
    expect(distance).toBeCloseTo(expected[rank]?.value ?? Number.NaN, 4);
  });
}

describe("single-query search through BLAS", () => {
  const faiss = loadFaiss();
  const data = randomVectors(ROWS, 11);
  const queries = Array.from({ length: 20 }, (_, at) => randomVectors(1, 100 + at));
  const cell = (row: number, column: number) => data[row * DIMS + column] ?? 0;

  const metrics = [
    {
      metric: "inner product",
      create: () => new faiss.IndexFlatIP(DIMS),
      score: (query: number[], row: number) => query.reduce((sum, x, c) => sum + x * cell(row, c), 0),
      best: "max" as const,
    },
    {
      metric: "L2",
      create: () => new faiss.IndexFlatL2(DIMS),
      score: (query: number[], row: number) => query.reduce((sum, x, c) => sum + (x - cell(row, c)) ** 2, 0),
      best: "min" as const,
    },
  ];

  it.each(metrics)("$metric: the same neighbours and scores as a brute-force scan", ({ create, score, best }) => {
    const index = create();
    index.add(data);
    for (const query of queries) {
      const expected = bruteForce((row) => score(query, row), best);
      const { labels, distances } = index.search(query, K);
      expect(labels).toEqual(expected.map((hit) => hit.row));
      expectCloseScores(distances, expected);
    }
  });

  it("one query alone finds what it finds inside a batch of 25", () => {
    const index = new faiss.IndexFlatIP(DIMS);
    index.add(data);
    const batch = queries.concat(queries.slice(0, 5));
    const together = index.search(batch.flat(), K);
    queries.forEach((query, at) => {
      expect(index.search(query, K).labels).toEqual(together.labels.slice(at * K, (at + 1) * K));
    });
  });
});
