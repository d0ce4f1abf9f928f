// The evaluation's own footing: every XQuAD gold answer survives rendering an article as
// Markdown and reading it back with the real Markdown loader, and the hit test matches whole
// words regardless of case, ё, punctuation and line wrapping, but only in the right book.
import { join, resolve } from "node:path";
import { markdownToChapters } from "@ai-library/shared/loaders";
import type { Passage } from "@ai-library/shared/retrieval";
import { describe, expect, it } from "vitest";
import { comparableWords, firstHitRank } from "../src/measure/passage-hit.js";
import { loadXquad } from "../src/xquad/load-xquad.js";
import { escapeMarkdown, renderArticleMarkdown } from "../src/xquad/render-article.js";

const corpus = resolve(import.meta.dirname, "../../../../shared/corpus");

const passage = (file: string, text: string): Passage => ({
  bookId: "b",
  title: "T",
  file,
  position: 0,
  text,
  score: 0.5,
});

describe("XQuAD articles as Markdown books", () => {
  for (const lang of ["en", "ru"] as const) {
    it(`keeps every ${lang} gold answer that is whole words in its paragraph findable after loading the book`, () => {
      const articles = loadXquad(join(corpus, "qa", "xquad", `xquad.${lang}.json`));
      expect(articles).toHaveLength(48);
      const lost: string[] = [];
      for (const article of articles) {
        const text = markdownToChapters(renderArticleMarkdown(article))
          .map((chapter) => chapter.text)
          .join("\n\n");
        const words = comparableWords(text);
        for (const paragraph of article.paragraphs) {
          // A few gold answers are cut mid-word in XQuAD itself ("2,70" of "2,700,000", "стандартаDVB-S2"):
          // no passage can contain them as words, whatever the rendering.
          const source = comparableWords(paragraph.context);
          for (const qa of paragraph.questions) {
            const answer = comparableWords(qa.answer);
            if (source.includes(answer) && !words.includes(answer)) lost.push(qa.id);
          }
        }
      }
      expect(lost).toEqual([]);
    });
  }

  it("escapes Markdown syntax so text comes back as written", () => {
    const [chapter] = markdownToChapters(escapeMarkdown("1. Not a list *or emphasis* [or a link](x) # or a heading"));
    expect(chapter?.text).toBe("1. Not a list *or emphasis* [or a link](x) # or a heading");
  });
});

describe("hit test", () => {
  it("matches whole words across case, ё, punctuation and wrapped lines", () => {
    const found = passage("a.md", "В 1705 году поселенцы\nполучили права — «Ёлка» стояла.");
    expect(firstHitRank([found], "a.md", "поселенцы получили права")).toBe(1);
    expect(firstHitRank([found], "a.md", "елка")).toBe(1);
    expect(firstHitRank([found], "a.md", "170")).toBeUndefined();
  });

  it("counts only passages from the question's own book, and reports the first hit's rank", () => {
    const wrongBook = passage("b.md", "Denver Broncos won.");
    const rightBook = passage("a.md", "The Denver Broncos defeated the Panthers.");
    expect(firstHitRank([wrongBook, rightBook], "a.md", "Denver Broncos")).toBe(2);
    expect(firstHitRank([wrongBook], "a.md", "Denver Broncos")).toBeUndefined();
  });
});
