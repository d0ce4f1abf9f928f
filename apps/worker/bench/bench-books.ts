// The book set the worker benchmark ingests: real PDFs with a text layer (pdfkit via
// @ai-library/book-fixtures), each page a few paragraphs of distinct Russian prose.
import { join } from "node:path";
import { writePdfBook } from "@ai-library/book-fixtures";

const WORDS = [
  "книга",
  "глава",
  "история",
  "наука",
  "город",
  "река",
  "время",
  "знание",
  "закон",
  "природа",
  "море",
  "звезда",
];

function paragraph(seed: number): string {
  return Array.from({ length: 60 }, (_, index) => WORDS[(seed * 7 + index * 3) % WORDS.length]).join(" ");
}

export async function writeBenchBooks(folder: string, books: number, pagesPerBook: number): Promise<number> {
  for (let book = 0; book < books; book++) {
    await writePdfBook({
      path: join(folder, `bench-${String(book).padStart(2, "0")}.pdf`),
      title: `Книга для замера ${book}`,
      pages: Array.from({ length: pagesPerBook }, (_, page) =>
        [0, 1, 2].map((part) => `${book}-${page}-${part}: ${paragraph(book * 1000 + page * 3 + part)}`).join("\n\n"),
      ),
    });
  }
  return books * pagesPerBook;
}
