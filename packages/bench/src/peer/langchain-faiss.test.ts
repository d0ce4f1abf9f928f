// The peer comparison is only fair if LangChain's FaissStore really runs on our addon and
// really finds neighbours: a round trip through fromTexts, save, load and search.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadFaiss } from "@ai-library/faiss-native";
import { afterEach, describe, expect, it } from "vitest";
import { FaissStore, PrecomputedEmbeddings, useOurFaissForLangChain } from "./langchain-faiss.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const texts = ["о кошках", "about ships", "про звёзды"];
const vectors = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 0.6, 0.8],
];

describe("FaissStore on our FAISS addon", () => {
  it("builds, saves, loads and searches with the index class of packages/faiss-native", async () => {
    const source = useOurFaissForLangChain();
    expect(source).toContain("faiss_node.node");
    const embeddings = new PrecomputedEmbeddings(texts, vectors);
    const store = await FaissStore.fromTexts(
      texts,
      texts.map((text) => ({ text })),
      embeddings,
    );
    expect(store.index).toBeInstanceOf(loadFaiss().IndexFlatL2);

    const dir = mkdtempSync(join(tmpdir(), "peer-shim-"));
    dirs.push(dir);
    await store.save(dir);
    const loaded = await FaissStore.load(dir, embeddings);
    expect(loaded.index).toBeInstanceOf(loadFaiss().IndexFlatL2);
    const [best] = await loaded.similaritySearchVectorWithScore([0, 0.1, 0.5, 0.8], 1);
    expect(best?.[0].pageContent).toBe("про звёзды");
  });

  it("refuses a text it has no vector for instead of embedding something else", async () => {
    const embeddings = new PrecomputedEmbeddings(texts, vectors);
    await expect(embeddings.embedQuery("unknown")).rejects.toThrow(/no vector/);
  });
});
