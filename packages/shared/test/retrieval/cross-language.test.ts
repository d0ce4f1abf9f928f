// With a multilingual embedding model (OpenAI or a compatible server) a Russian question can
// find an English passage: the keyword list has nothing in common with it, so the passage
// must come through the vector list and survive hybrid scoring. (A Russian passage sharing
// the question's words would still win on BM25 at the default vector weight, which was tuned
// on the lexical offline embedder: see docs/retrieval.md.) The stand-in plays the
// multilingual model by mapping a few Russian words to English before its usual word hashing.
import { fakeEmbedding, type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { createEmbedderFromConfig } from "../../src/embeddings/index.js";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type LiveLibrary } from "../../src/retrieval/index.js";
import { quietLogger } from "../embeddings/quiet-logger.js";
import { publishBooks, tempStore } from "./text-library.js";

const RU_TO_EN: Record<string, string> = {
  кто: "who",
  смотритель: "keeper",
  зажигал: "lit",
  лампу: "lamp",
  маяка: "lighthouse",
  вечером: "evening",
};
const multilingual = (text: string, dims: number) =>
  fakeEmbedding(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .map((word) => RU_TO_EN[word] ?? word)
      .join(" "),
    dims,
  );

let standin: OpenAiStandin | undefined;
const libraries: LiveLibrary[] = [];
afterEach(async () => {
  for (const library of libraries.splice(0)) library.close();
  await standin?.close();
  standin = undefined;
});

const books = [
  {
    title: "Keeper's Log",
    chunks: ["Every evening the keeper lit the lamp of the lighthouse before the fishing boats came home."],
  },
  { title: "Огород", chunks: ["Капусту и морковь на огороде поливают утром, пока не жарко."] },
  { title: "Recipes", chunks: ["Knead the dough, let it rise for an hour and bake it in a hot oven."] },
];

describe("cross-language search with a multilingual embedder", () => {
  it("finds the English passage for a Russian question through the vector list", async () => {
    standin = await startOpenAiStandin({ embed: multilingual });
    const config = parseConfig({
      EMBEDDINGS_PROVIDER: "openai",
      OPENAI_BASE_URL: standin.baseUrl,
      OPENAI_EMBEDDING_DIMS: "256",
    });
    const embedder = createEmbedderFromConfig(config, { logger: quietLogger() });
    const store = tempStore();
    await publishBooks(store, embedder, books);
    const question = "Кто зажигал лампу маяка вечером?";
    const search = async (mode: "hybrid" | "keyword") => {
      const library = createLiveLibrary({
        store,
        embedder,
        logger: quietLogger(),
        retrieval: { ...DEFAULT_RETRIEVAL_SETTINGS, mode },
      });
      libraries.push(library);
      await library.reloadIfChanged();
      return (await library.search(question, 2)).passages.map((passage) => passage.title);
    };
    expect(await search("keyword")).not.toContain("Keeper's Log");
    expect((await search("hybrid"))[0]).toBe("Keeper's Log");
  });
});
