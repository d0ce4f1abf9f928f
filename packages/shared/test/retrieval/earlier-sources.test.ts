// A follow-up's earlier answer as candidates: a chunk of a section that answer cited rises only
// when it also holds one of the question's own terms, and the follow-up's context carries those
// sections into the search query.
import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/chunking/types.js";
import { keywordTerms } from "../../src/index/keyword/keyword-terms.js";
import { withEarlierSources } from "../../src/retrieval/earlier-sources.js";
import { searchQueryOf } from "../../src/retrieval/search-context.js";

const chunk = (file: string, section: string, text: string): Chunk => ({
  bookId: file,
  title: "Developer's Reference",
  file,
  section,
  text,
  position: 0,
});
const tracker = "Система отслеживания пакетов имеет веб-интерфейс по адресу https://tracker.debian.org/.";
const chunks = new Map<number, Chunk>([
  [1, chunk("devref-ru.epub", "Машины Debian", "Адреса электронной почты машин Debian.")],
  [2, chunk("devref-ru.epub", "Система отслеживания пакетов Debian", tracker)],
  [3, chunk("devref-ru.epub", "Система отслеживания пакетов Debian", "Подписка на пакет по почте.")],
]);
const ranked = [
  { label: 1, score: 1 },
  { label: 3, score: 0.95 },
  { label: 2, score: 0.9 },
];
const earlier = {
  sections: [{ file: "devref-ru.epub", title: "Система отслеживания пакетов Debian" }],
  weight: 0.2,
};

describe("the earlier answer's sections as candidates", () => {
  it("raises a chunk of a cited section that holds a term of the question, by a share of the leading score", () => {
    const raised = withEarlierSources(ranked, chunks, earlier, keywordTerms("А какой у неё адрес?"));
    expect(raised.map((hit) => hit.label)).toEqual([2, 1, 3]);
    expect(raised[0]?.score).toBeCloseTo(0.9 + 0.2 * 1);
  });

  it("leaves a cited section that only shares the earlier topic, and any search without sources, as ranked", () => {
    expect(withEarlierSources(ranked, chunks, earlier, keywordTerms("А через ssh?"))).toEqual(ranked);
    expect(withEarlierSources(ranked, chunks, undefined, keywordTerms("адрес"))).toEqual(ranked);
    const otherBook = {
      ...earlier,
      sections: [{ file: "devref-en.epub", title: "Система отслеживания пакетов Debian" }],
    };
    expect(withEarlierSources(ranked, chunks, otherBook, keywordTerms("адрес"))).toEqual(ranked);
  });

  it("is carried from a follow-up's context into the search query, and only with a weight", () => {
    const vector = new Float32Array([1]);
    const sources = [{ file: "devref-ru.epub", title: "Система отслеживания пакетов Debian" }];
    const context = { text: "система отслеживания пакетов", weight: 0.5, sources, sourcesWeight: 0.2 };
    expect(searchQueryOf("А какой у неё адрес?", vector, { context }).earlierSources).toEqual({
      sections: sources,
      weight: 0.2,
    });
    const { sourcesWeight: _unweighted, ...withoutWeight } = context;
    expect(searchQueryOf("А какой у неё адрес?", vector, { context: withoutWeight }).earlierSources).toBeUndefined();
  });
});
