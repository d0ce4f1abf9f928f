// The different-words question set (questions worded unlike their book, for the query-expansion
// rows of `pnpm eval`): its file is valid, its books are placed where the evaluation library
// keeps them, and questions about a Debian book that could not be fetched are left out.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDifferentWordsQuestions } from "../src/questions/different-words-questions.js";

const questionFile = resolve(import.meta.dirname, "../data/different-words-questions.json");
const ALL_DEBIAN = new Set(["R-intro.pdf", "devref-en.epub", "devref-ru.epub", "install.en.pdf", "maint-guide.ru.pdf"]);

describe("different-words questions", () => {
  it("asks in both languages and places corpus and Debian books as the library holds them", () => {
    const set = loadDifferentWordsQuestions(questionFile, "/cache/eval-books", ALL_DEBIAN);
    expect(set.skipped).toBe(0);
    expect(new Set(set.questions.map((question) => question.lang))).toEqual(new Set(["en", "ru"]));
    expect(set.questions.every((question) => question.set === "different-words")).toBe(true);
    const repeat = set.questions.find((question) => question.id === "dw-r-repeat");
    expect(repeat).toMatchObject({
      file: "debian/R-intro.pdf",
      question: "How do I repeat a vector several times in R?",
    });
    expect(set.extraBooks).toContainEqual({ source: "/cache/eval-books/R-intro.pdf", file: "debian/R-intro.pdf" });
    expect(set.corpusBooks).toContain("epub/idpf_epub30-spec.epub");
    expect(set.questions.find((question) => question.id === "dw-epub-cover")?.file).toBe("books/idpf_epub30-spec.epub");
  });

  it("leaves out the questions whose Debian book is missing, and counts them", () => {
    const withoutR = new Set([...ALL_DEBIAN].filter((book) => book !== "R-intro.pdf"));
    const set = loadDifferentWordsQuestions(questionFile, "/cache/eval-books", withoutR);
    expect(set.skipped).toBeGreaterThan(0);
    expect(set.questions.some((question) => question.file === "debian/R-intro.pdf")).toBe(false);
    expect(set.extraBooks.map((book) => book.file)).not.toContain("debian/R-intro.pdf");
  });
});
