import { loadFaiss, MetricType } from "@ai-library/faiss-native";
import { describe, expect, it } from "vitest";
import { FLAT_IP_HEADER_BYTES, flatIpHeader } from "../../src/index/generation/faiss-flat-file.js";
import { unitVector } from "./generation-helpers.js";

describe("direct FAISS flat-file writer", () => {
  it("writes byte-for-byte what FAISS itself writes for IndexFlatIP", () => {
    const dims = 8;
    const vectors = [unitVector(1), unitVector(2), unitVector(3)];
    const faissIndex = loadFaiss().Index.fromFactory(dims, "Flat", MetricType.INNER_PRODUCT);
    faissIndex.add(vectors.flatMap((vector) => Array.from(vector)));
    const ours = Buffer.concat([
      flatIpHeader(dims, vectors.length),
      ...vectors.map((vector) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength)),
    ]);
    expect(ours.subarray(0, FLAT_IP_HEADER_BYTES)).toEqual(faissIndex.toBuffer().subarray(0, FLAT_IP_HEADER_BYTES));
    expect(ours).toEqual(faissIndex.toBuffer());
  });

  it("produces a file FAISS reads back and searches by inner product", () => {
    const vectors = [unitVector(10), unitVector(11), unitVector(12), unitVector(13)];
    const buffer = Buffer.concat([flatIpHeader(8, 4), ...vectors.map((vector) => Buffer.from(vector.buffer))]);
    const index = loadFaiss().Index.fromBuffer(buffer);
    const { labels, distances } = index.search(Array.from(vectors[2] ?? []), 2);
    expect(labels[0]).toBe(2);
    expect(distances[0]).toBeCloseTo(1, 5);
  });
});
