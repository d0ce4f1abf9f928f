// Small real books for worker tests: plain text and Markdown (fast to parse), PDFs with pages
// through @ai-library/book-fixtures, and a file that only pretends to be a PDF.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePdfBook } from "@ai-library/book-fixtures";

/** A text book whose every paragraph mentions `topic`, so a question about it finds this book. */
export function writeTextBook(folder: string, name: string, topic: string, paragraphs = 40): string {
  const text = Array.from(
    { length: paragraphs },
    (_, index) => `Глава ${index + 1}. ${topic}: подробное описание, наблюдение номер ${index + 1} и выводы из него.`,
  ).join("\n\n");
  writeFileSync(join(folder, name), text);
  return join(folder, name);
}

export function writeTextBooks(folder: string, count: number, prefix = "book"): string[] {
  return Array.from({ length: count }, (_, index) =>
    writeTextBook(folder, `${prefix}-${String(index).padStart(2, "0")}.txt`, `Тема ${prefix} ${index}`),
  );
}

export async function writePdf(folder: string, name: string, topic: string, pages = 3): Promise<string> {
  const path = join(folder, name);
  await writePdfBook({
    path,
    title: `Книга о теме «${topic}»`,
    pages: Array.from(
      { length: pages },
      (_, page) => `Страница ${page + 1}. ${topic}: факты и подробности страницы ${page + 1}.`,
    ),
  });
  return path;
}

export function writeBrokenPdf(folder: string, name = "broken.pdf"): string {
  writeFileSync(join(folder, name), "this is not a PDF, only its name says so");
  return join(folder, name);
}
