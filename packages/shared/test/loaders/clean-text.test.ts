// Text normalisation shared by all loaders, and format detection by file name.
import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/loaders/clean-text.js";
import { detectBookFormat } from "../../src/loaders/index.js";

describe("cleanText", () => {
  it("joins a word split by a line-end hyphen and keeps the hyphen of a capitalised compound", () => {
    expect(cleanText("зна-\nние и Нью-\nЙорк, зна‐\n  ния")).toBe("знание и Нью-Йорк, знания");
  });

  it("turns odd spaces into one space, keeps paragraph breaks, trims lines", () => {
    expect(cleanText("  один\u00a0\u2009два \t три  \r\n\r\n\r\n\r\n  четыре  ")).toBe("один два три\n\nчетыре");
  });

  it("removes soft hyphens, zero-width characters and BOMs, and turns control characters into spaces", () => {
    expect(cleanText("\ufeffпере\u00adнос\u200b слова\u0002и\u0007конец")).toBe("перенос слова и конец");
  });
});

describe("detectBookFormat", () => {
  it.each([
    ["/books/a.pdf", "pdf"],
    ["/books/A.EPUB", "epub"],
    ["/books/war.fb2", "fb2"],
    ["/books/war.fb2.zip", "fb2"],
    ["/books/notes.txt", "txt"],
    ["/books/guide.md", "md"],
    ["/books/guide.markdown", "md"],
  ])("%s is %s", (path, format) => {
    expect(detectBookFormat(path)).toBe(format);
  });

  it.each(["/books/a.docx", "/books/archive.zip", "/books/noextension"])("%s is not a book", (path) => {
    expect(detectBookFormat(path)).toBeUndefined();
  });
});
