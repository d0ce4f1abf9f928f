// The keyword index of a generation: built with it from the chunk texts, swapped with it,
// finding Russian and English words whatever their inflection, ё/е, case or hyphenation.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { keywordTerms, type LoadedGeneration } from "../../src/index/index.js";
import { openPostingsIndex } from "../../src/index/keyword/postings-index.js";
import { localEmbedder, publishBooks, tempStore } from "./text-library.js";

const opened: LoadedGeneration[] = [];
afterEach(() => {
  for (const generation of opened.splice(0)) generation.close();
});

const library = [
  { title: "library-ru", chunks: ["Каждая книга стоит на своей полке, и читатель находит её по каталогу."] },
  { title: "forest-ru", chunks: ["Зимой в лесу растёт зелёная ёлка, и под ней прячется ёжик."] },
  {
    title: "typesetting-en",
    chunks: ["The old catalogue was hyphen-\nated by hand, and every biblio-\ngraphy had an e-mail address."],
  },
  { title: "city-ru", chunks: ["Поезд пришёл в Нью-Йорк поздно вечером, когда город уже спал."] },
  { title: "sea-en", chunks: ["The lighthouse keeper lit the lamps every evening before the ships passed the reef."] },
  { title: "years-ru", chunks: ["Маяк построили в 1998 году, а перестроили в 2004-м; см. страницу 0417."] },
];

async function openLibrary() {
  const store = tempStore();
  const manifest = await publishBooks(store, localEmbedder(), library);
  const generation = await store.openLive();
  opened.push(generation);
  return { store, manifest, generation };
}

function titlesFound(generation: LoadedGeneration, question: string): string[] {
  const hits = generation.keywordCandidates(keywordTerms(question), 5);
  const chunks = generation.chunksByLabel(hits.map((hit) => hit.label));
  return hits.map((hit) => chunks.get(hit.label)?.title ?? "?");
}

describe("keyword index", () => {
  it("is built into the generation's keywords.bin, one row per chunk, and recorded in its manifest", async () => {
    const { store, manifest, generation } = await openLibrary();
    expect(manifest.keywordIndex).toEqual({ file: "keywords.bin", terms: expect.any(String) });
    expect(generation.hasKeywordIndex).toBe(true);
    const keywords = openPostingsIndex(join(store.generationDir(manifest.id), "keywords.bin"));
    expect(keywords.chunkCount).toBe(library.length);
    keywords.close();
    // Nothing is in SQLite any more, where the FTS5 table the index lived in once was.
    expect(Object.keys(manifest.files).sort()).toEqual(["docstore.bin", "index.faiss", "keywords.bin"]);
  });

  it("finds a Russian word in another inflection: «книгами» finds «книга», «полках» finds «полке»", async () => {
    const { generation } = await openLibrary();
    expect(titlesFound(generation, "книгами")[0]).toBe("library-ru");
    expect(titlesFound(generation, "На каких полках?")[0]).toBe("library-ru");
  });

  it("treats ё and е as one letter, and ignores case", async () => {
    const { generation } = await openLibrary();
    expect(titlesFound(generation, "ЕЛКА")[0]).toBe("forest-ru");
    expect(titlesFound(generation, "ёжики")[0]).toBe("forest-ru");
  });

  it("finds words hyphenated at a line end, and compounds written with or without the hyphen", async () => {
    const { generation } = await openLibrary();
    expect(titlesFound(generation, "bibliography")[0]).toBe("typesetting-en");
    expect(titlesFound(generation, "hyphenated")[0]).toBe("typesetting-en");
    expect(titlesFound(generation, "email")[0]).toBe("typesetting-en");
    expect(titlesFound(generation, "нью-йоркский поезд")[0]).toBe("city-ru");
  });

  it("keeps numbers whole: a year or a page number finds its chunk, a neighbouring number does not", async () => {
    const { generation } = await openLibrary();
    expect(keywordTerms("в 1998 году, стр. 0417")).toEqual(expect.arrayContaining(["1998", "0417"]));
    expect(titlesFound(generation, "1998")).toEqual(["years-ru"]);
    expect(titlesFound(generation, "2004")).toEqual(["years-ru"]);
    expect(titlesFound(generation, "0417")).toEqual(["years-ru"]);
    expect(titlesFound(generation, "1999")).toEqual([]);
  });

  it("stems English too and finds nothing for words no chunk has", async () => {
    const { generation } = await openLibrary();
    expect(titlesFound(generation, "lighting lamp")[0]).toBe("sea-en");
    expect(titlesFound(generation, "квантовая хромодинамика")).toEqual([]);
  });

  it("is swapped with its generation: each generation answers from its own books", async () => {
    const store = tempStore();
    const embedder = localEmbedder();
    const first = await publishBooks(store, embedder, [library[0] ?? { title: "", chunks: [] }]);
    const second = await publishBooks(store, embedder, [library[4] ?? { title: "", chunks: [] }]);
    const old = await store.open(first.id);
    const live = await store.openLive();
    opened.push(old, live);
    expect(live.id).toBe(second.id);
    expect(titlesFound(live, "lighthouse")).toEqual(["sea-en"]);
    expect(titlesFound(live, "книга")).toEqual([]);
    expect(titlesFound(old, "книга")).toEqual(["library-ru"]);
    expect(existsSync(join(store.generationDir(second.id), "docstore.bin"))).toBe(true);
  });
});
