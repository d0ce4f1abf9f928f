// Hybrid search through the bot's own retriever (createLiveLibrary → search) on real
// generations: it finds what neither list alone ranks first, and a generation built before
// keyword indexes existed is still served, by vectors alone.
import { afterEach, describe, expect, it } from "vitest";
import type { IndexStore } from "../../src/index/index.js";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type LiveLibrary } from "../../src/retrieval/index.js";
import { type CapturedLogger, captureLogger } from "./capture-logger.js";
import { localEmbedder, publishBooks, type TestBook, tempStore } from "./text-library.js";

const libraries: LiveLibrary[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
});

const filler =
  "tides moon fairs valley towns harvest river bridge market wool cheese ferry orchard chapel meadow barley";
/** `count` words of neutral almanac vocabulary (no question term), starting at word `from`. */
const almanac = (count: number, from = 0) => {
  const words = filler.split(" ");
  return Array.from({ length: count }, (_, i) => words[(i + from) % words.length]).join(" ");
};

/**
 * The target says in one sentence who lights the lamp. The keyword trap repeats "lighthouse"
 * and "lamp" four times each, far apart (about 15% more BM25 than the target, but no stretch
 * that answers); the vector trap is made of compounds that share character n-grams with the
 * question but none of its stems (highest cosine, no BM25 at all).
 */
const books: TestBook[] = [
  { title: "target", chunks: [`At dusk the old keeper lights the lighthouse lamp with a taper. ${almanac(30, 2)}.`] },
  {
    title: "keyword-trap",
    chunks: [
      `The lighthouse, the lighthouse, the lighthouse, the lighthouse. ${almanac(42)}. ` +
        `A lamp, a lamp, a lamp, a lamp. ${almanac(42, 3)}. Lights.`,
    ],
  },
  {
    title: "vector-trap",
    chunks: ["Lamplighters and lighthousekeepers: the lighthousekeeping lamplighters' lamplighting lights."],
  },
  {
    title: "neutral",
    chunks: Array.from({ length: 12 }, (_, index) => `Chapter ${index + 1}: ${almanac(14, index)}.`),
  },
];

async function open(store: IndexStore, mode: "hybrid" | "vector" | "keyword", logger: CapturedLogger) {
  const library = createLiveLibrary({
    store,
    embedder: localEmbedder(),
    logger: logger.logger,
    retrieval: { ...DEFAULT_RETRIEVAL_SETTINGS, mode },
  });
  libraries.push(library);
  await library.reloadIfChanged();
  return library;
}

describe("hybrid search", () => {
  it("ranks first the passage that neither keyword nor vector search alone ranks first", async () => {
    const store = tempStore();
    await publishBooks(store, localEmbedder(), books);
    const question = "Who lights the lighthouse lamp?";
    const first = async (mode: "hybrid" | "vector" | "keyword") =>
      (await (await open(store, mode, captureLogger())).search(question, 3)).passages[0]?.title;
    expect(await first("keyword")).toBe("keyword-trap");
    expect(await first("vector")).toBe("vector-trap");
    expect(await first("hybrid")).toBe("target");
  });

  it("keeps cosine similarity as the passage score, so answerers can judge relevance", async () => {
    const store = tempStore();
    await publishBooks(store, localEmbedder(), books);
    const { passages } = await (await open(store, "hybrid", captureLogger())).search(
      "Who lights the lighthouse lamp?",
      3,
    );
    for (const passage of passages) {
      expect(passage.score).toBeGreaterThan(0);
      expect(passage.score).toBeLessThanOrEqual(1);
    }
  });

  it("serves a generation without a keyword index by vector search, and says so in the log", async () => {
    const store = tempStore();
    const manifest = await publishBooks(store, localEmbedder(), books, { keywordIndex: false });
    expect(manifest.keywordIndex).toBeUndefined();
    const logger = captureLogger();
    const library = await open(store, "hybrid", logger);
    expect(library.current()?.hasKeywordIndex).toBe(false);
    const { passages, generationId } = await library.search("Who lights the lighthouse lamp?", 3);
    expect(generationId).toBe(manifest.id);
    expect(passages[0]?.title).toBe("vector-trap");
    expect(logger.lines().some((line) => /нет ключевого индекса.*только по векторам/.test(line))).toBe(true);
  });
});
