// What a found passage looks like: consecutive chunks found together become one passage
// without repeating their overlap, and a sentence cut at a chunk edge is completed from the
// neighbouring chunk, with the citation widened to the pages the text now covers.
import { afterEach, describe, expect, it } from "vitest";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type LiveLibrary } from "../../src/retrieval/index.js";
import { captureLogger } from "./capture-logger.js";
import { localEmbedder, publishBooks, type TestBook, tempStore } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

// Chunks as the splitter makes them: each next chunk starts with the last words of the one before.
const almanac: TestBook = {
  title: "Almanac",
  firstPage: 10,
  chunks: [
    "The harbour opens in spring. Fishing boats leave at dawn and return at noon with herring and cod.",
    "return at noon with herring and cod. In the old tower the keeper winds the great clock every Sunday, and when the",
    "every Sunday, and when the bell rings twelve the children of the village run down to the quay to meet the boats.",
    "to meet the boats. Autumn brings storms, and the ferry to the island stops until March.",
    "stops until March. Winter evenings are spent mending nets by the stove.",
  ],
};
const other: TestBook = {
  title: "Cookbook",
  chunks: ["Bake the bread for forty minutes and let it cool on a rack before slicing."],
};

async function search(question: string, settings: Partial<typeof DEFAULT_RETRIEVAL_SETTINGS> = {}) {
  const store = tempStore();
  await publishBooks(store, localEmbedder(), [almanac, other]);
  const library = createLiveLibrary({
    store,
    embedder: localEmbedder(),
    logger: captureLogger().logger,
    retrieval: { ...DEFAULT_RETRIEVAL_SETTINGS, ...settings },
  });
  libraries.push(library);
  await library.reloadIfChanged();
  return (await library.search(question, 3)).passages;
}

describe("passages", () => {
  it("completes sentences cut at either end from the neighbouring chunks, and cites every page used", async () => {
    const [best] = await search("keeper winds the great clock in the tower", { passageChunks: 1 });
    expect(best?.title).toBe("Almanac");
    // The chunk starts mid-sentence ("return at noon…") and ends mid-sentence ("…and when the").
    expect(best?.text.startsWith("Fishing boats leave at dawn and return at noon with herring and cod.")).toBe(true);
    expect(best?.text).toMatch(/the children of the village run down to the quay to meet the boats\.$/);
    expect(best?.page).toBe(10);
    expect(best?.pageEnd).toBe(12);
  });

  it("completes a sentence cut at the chunk's start from the chunk before", async () => {
    const [best] = await search("children run down to the quay when the bell rings twelve", { passageChunks: 1 });
    expect(
      best?.text.startsWith("In the old tower the keeper winds the great clock every Sunday, and when the bell rings"),
    ).toBe(true);
    expect(best?.page).toBe(11);
  });

  it("leaves a passage alone when expansion is off", async () => {
    const [best] = await search("keeper winds the great clock in the tower", { passageChunks: 1, expandChars: 0 });
    expect(best?.text).toBe(almanac.chunks[1]);
    expect(best?.pageEnd).toBeUndefined();
  });

  it("merges consecutive chunks found together into one passage without repeating their overlap", async () => {
    const passages = await search("keeper winds the clock; the bell rings and children run to the quay");
    const [best] = passages;
    expect(best?.text).toContain(
      "the keeper winds the great clock every Sunday, and when the bell rings twelve the children of the village run down",
    );
    expect(best?.text.match(/every Sunday, and when the/g)).toHaveLength(1);
    expect(best?.page).toBeLessThanOrEqual(11);
    expect(best?.pageEnd).toBe(12);
    // The merged chunks do not come back as passages of their own.
    const repeats = passages.filter((passage) => passage.text.includes("the great clock every Sunday"));
    expect(repeats).toHaveLength(1);
  });
});
