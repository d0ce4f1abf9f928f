import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFaiss, MetricType } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "faiss-native-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function randomVectors(count: number, dims: number, seed: number): number[] {
  let state = seed;
  const out: number[] = [];
  for (let i = 0; i < count * dims; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out.push(state / 2 ** 31 - 0.5);
  }
  return out;
}

describe("faiss-native addon", () => {
  const faiss = loadFaiss();
  const dims = 16;
  const vectors = randomVectors(200, dims, 7);

  it("finds each stored vector as its own nearest neighbour", () => {
    const index = new faiss.IndexFlatL2(dims);
    index.add(vectors);
    expect(index.ntotal()).toBe(200);
    const probe = vectors.slice(57 * dims, 58 * dims);
    const { labels, distances } = index.search(probe, 3);
    expect(labels[0]).toBe(57);
    expect(distances[0]).toBeCloseTo(0, 5);
  });

  it("round-trips through a file (write_index needs RTTI) and a buffer", () => {
    const index = faiss.Index.fromFactory(dims, "Flat", MetricType.INNER_PRODUCT);
    index.add(vectors);
    const file = join(dir, "roundtrip.faiss");
    index.write(file);
    const fromFile = faiss.Index.read(file);
    const fromBuffer = faiss.Index.fromBuffer(index.toBuffer());
    const probe = vectors.slice(3 * dims, 4 * dims);
    const expected = index.search(probe, 5);
    expect(fromFile.ntotal()).toBe(200);
    expect(fromFile.getDimension()).toBe(dims);
    expect(fromFile.search(probe, 5)).toEqual(expected);
    expect(fromBuffer.search(probe, 5)).toEqual(expected);
  });

  it("reports a clear error for a corrupt index file instead of crashing", () => {
    expect(() => faiss.Index.fromBuffer(Buffer.from("not an index at all"))).toThrow();
  });
});
