// INDEX_NPROBE reaches FAISS: an IVF generation is searched with the nprobe written into its
// index file, so recall against exact search rises with it. Real FAISS builds, real files,
// generations opened through the store (checksums verified after the patch).
import { describe, expect, it } from "vitest";
import type { EmbedderIdentity } from "../../src/embeddings/types.js";
import type { IndexStore } from "../../src/index/index.js";
import { bookChunks, tempStore } from "./generation-helpers.js";

const EMBEDDER: EmbedderIdentity = { provider: "local", model: "test-vectors", dims: 32 };
const ROWS = 3000;
const LISTS = 32;

/** mulberry32: evenly spread, repeatable unit vectors (FAISS clusters need real spread). */
function randomUnitVectors(count: number, seed: number): Float32Array[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: EMBEDDER.dims }, next);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

const vectors = randomUnitVectors(ROWS, 7);
const queries = randomUnitVectors(60, 99);

function exactTop10(query: Float32Array): number[] {
  const scored = vectors.map((vector, label) => ({
    label,
    score: vector.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0),
  }));
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((hit) => hit.label);
}

async function publishIvf(store: IndexStore, factory: string, nprobe?: number) {
  return store.publish(
    {
      embedder: EMBEDDER,
      chunking: { version: "test", chunkSize: 100, chunkOverlap: 10 },
      indexFactory: factory,
      ...(nprobe !== undefined ? { nprobe } : {}),
    },
    async (builder) => {
      const chunks = bookChunks("b".repeat(64), "random", ROWS);
      builder.addBook({ bookId: "b".repeat(64), file: "random.pdf", title: "random", format: "pdf" }, chunks, vectors);
    },
  );
}

async function recallAt10(store: IndexStore, id: string): Promise<number> {
  const generation = await store.open(id);
  try {
    let found = 0;
    for (const query of queries) {
      const exact = new Set(exactTop10(query));
      found += generation.vectorCandidates(query, 10).filter((hit) => exact.has(hit.label)).length;
    }
    return found / (queries.length * 10);
  } finally {
    generation.close();
  }
}

describe("INDEX_NPROBE", () => {
  it("is written into IVF generations, recorded in the manifest, and buys recall", async () => {
    const store = tempStore();
    const one = await publishIvf(store, `IVF${LISTS},Flat`, 1);
    const eight = await publishIvf(store, `IVF${LISTS},Flat`, 8);
    const all = await publishIvf(store, `IVF${LISTS},Flat`, 1000);
    expect([one.nprobe, eight.nprobe, all.nprobe]).toEqual([1, 8, LISTS]);
    const recall = {
      one: await recallAt10(store, one.id),
      eight: await recallAt10(store, eight.id),
      all: await recallAt10(store, all.id),
    };
    // Random vectors have no clusters: one list of 32 holds few true neighbours, all lists hold all.
    expect(recall.one).toBeLessThan(0.5);
    expect(recall.eight).toBeGreaterThan(recall.one + 0.3);
    expect(recall.all).toBe(1);
  });

  it("defaults to 16 lists, and leaves indexes without lists alone", async () => {
    const store = tempStore();
    expect((await publishIvf(store, `IVF${LISTS},Flat`)).nprobe).toBe(16);
    const flat = await publishIvf(store, "Flat", 8);
    expect(flat.nprobe).toBeUndefined();
    expect(await recallAt10(store, flat.id)).toBe(1);
  });
});
