// What the commands say about the library, read from the generation being served.
import type { BookRecord } from "@ai-library/shared/index";
import type { LiveGenerations } from "@ai-library/shared/retrieval";
import type { LibraryFacts } from "../i18n/index.js";

export function sortedBooks(library: Pick<LiveGenerations, "current">): BookRecord[] {
  const books = library.current()?.manifest.books ?? [];
  return [...books].sort((a, b) => a.title.localeCompare(b.title, "ru"));
}

export function libraryFacts(library: Pick<LiveGenerations, "current">, sampleSize = 5): LibraryFacts | undefined {
  const generation = library.current();
  if (!generation) return undefined;
  return {
    bookCount: generation.manifest.books.length,
    chunkCount: generation.manifest.chunkCount,
    sampleTitles: sortedBooks(library)
      .slice(0, sampleSize)
      .map((book) => book.title),
  };
}

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString(locale, { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC`;
}
