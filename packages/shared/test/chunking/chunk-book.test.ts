import { describe, expect, it } from "vitest";
import { chunkBook } from "../../src/chunking/index.js";
import type { ParsedBook } from "../../src/loaders/types.js";

const identity = { bookId: "f".repeat(64), file: "books/sample.pdf" };

/** Like pdfjs output: one line of text per printed line. */
function lines(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix} line ${i} of the printed page`).join("\n");
}

function sentences(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix} sentence number ${i} says something useful.`).join(" ");
}

describe("chunkBook", () => {
  it("keeps page ranges for PDF chunks that cross a page boundary", async () => {
    const book: ParsedBook = {
      format: "pdf",
      title: "Sample",
      author: "Author",
      pageCount: 3,
      sections: [
        { page: 1, text: lines("First", 12) },
        { page: 2, text: lines("Second", 12) },
        { page: 3, text: lines("Third", 12) },
      ],
    };
    const chunks = await chunkBook(book, identity, { chunkSize: 400, chunkOverlap: 60 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((chunk) => chunk.text.length <= 400)).toBe(true);
    expect(chunks.map((chunk) => chunk.position)).toEqual(chunks.map((_, index) => index));
    for (const chunk of chunks) {
      const firstWord = chunk.text.includes("First") ? 1 : chunk.text.includes("Second") ? 2 : 3;
      expect(chunk.page).toBe(firstWord);
      if (chunk.text.includes("Third") && chunk.text.includes("Second")) expect(chunk.pageEnd).toBe(3);
    }
    expect(chunks.some((chunk) => chunk.pageEnd !== undefined)).toBe(true);
    expect(chunks[0]).toMatchObject({
      bookId: identity.bookId,
      file: identity.file,
      title: "Sample",
      author: "Author",
    });
  });

  it("never lets a chunk cross an EPUB chapter and labels each with its chapter", async () => {
    const book: ParsedBook = {
      format: "epub",
      title: "Novel",
      sections: [
        { chapter: "Глава 1", text: sentences("Alpha", 10) },
        { chapter: "Глава 2", text: sentences("Beta", 10) },
      ],
    };
    const chunks = await chunkBook(book, identity, { chunkSize: 300, chunkOverlap: 30 });
    for (const chunk of chunks) {
      expect(chunk.page).toBeUndefined();
      if (chunk.text.includes("Alpha")) {
        expect(chunk.chapter).toBe("Глава 1");
        expect(chunk.text).not.toContain("Beta");
      } else expect(chunk.chapter).toBe("Глава 2");
    }
  });

  it("carries page labels, and ends PDF chunks where an outline section ends so each cites its own", async () => {
    const book: ParsedBook = {
      format: "pdf",
      title: "Manual",
      pageCount: 3,
      sections: [
        { page: 1, pageLabel: "xi", section: "Preface", text: lines("First", 12) },
        { page: 2, section: "4.3 Preparing", text: lines("Second", 12) },
        { page: 3, pageLabel: "A-1", section: "4.3 Preparing", text: lines("Third", 12) },
      ],
    };
    const chunks = await chunkBook(book, identity, { chunkSize: 400, chunkOverlap: 60 });
    for (const chunk of chunks) {
      expect(chunk.pageLabel).toBe(chunk.page === 1 ? "xi" : chunk.page === 3 ? "A-1" : undefined);
      expect(chunk.pageLabelEnd).toBe(chunk.pageEnd === 3 ? "A-1" : undefined);
      const preface = chunk.text.includes("First line");
      expect(preface && /(Second|Third) line/.test(chunk.text)).toBe(false);
      expect(chunk.section).toBe(preface ? "Preface" : "4.3 Preparing");
      expect(chunk.chapter).toBeUndefined();
    }
    // Pages of one section still share chunks: a sentence may run on to the next page.
    expect(chunks.some((chunk) => chunk.page === 2 && chunk.pageEnd === 3)).toBe(true);
  });

  it("never lets a chunk cross an EPUB section and labels each with chapter and section", async () => {
    const book: ParsedBook = {
      format: "epub",
      title: "Reference",
      sections: [
        { chapter: "Инструменты", text: sentences("Intro", 3) },
        { chapter: "Инструменты", section: "dpkg-dev", text: sentences("Dpkg", 10) },
      ],
    };
    const chunks = await chunkBook(book, identity, { chunkSize: 300, chunkOverlap: 30 });
    for (const chunk of chunks) {
      expect(chunk.chapter).toBe("Инструменты");
      if (chunk.text.includes("Dpkg")) expect(chunk).toMatchObject({ section: "dpkg-dev" });
      else expect(chunk.section).toBeUndefined();
      expect(chunk.text.includes("Dpkg") && chunk.text.includes("Intro")).toBe(false);
    }
  });

  it("overlaps consecutive chunks so a thought cut at a boundary is found in both", async () => {
    const book: ParsedBook = { format: "txt", title: "T", sections: [{ text: sentences("Gamma", 30) }] };
    const chunks = await chunkBook(book, identity, { chunkSize: 300, chunkOverlap: 100 });
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]?.text ?? "";
      const tail = previous.slice(-40);
      const headWords = (chunks[i]?.text ?? "").split(" ").slice(0, 3).join(" ");
      expect(previous.includes(headWords) || (chunks[i]?.text ?? "").includes(tail)).toBe(true);
    }
  });

  it("yields no chunks for a book with only blank sections", async () => {
    const book: ParsedBook = { format: "pdf", title: "Blank", sections: [{ page: 1, text: "  \n " }] };
    expect(await chunkBook(book, identity, { chunkSize: 300, chunkOverlap: 0 })).toEqual([]);
  });
});
