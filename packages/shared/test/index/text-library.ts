// Small real libraries for the index operations tests: passages embedded by the real offline
// embedder, so a question finds its passage through real FAISS and SQLite.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLocalHashedEmbedder } from "../../src/embeddings/index.js";
import type { IndexStore } from "../../src/index/index.js";

export const embedder = createLocalHashedEmbedder({ dims: 64 });

export interface TextBook {
  title: string;
  passages: string[];
}

export const ASTRONOMY: TextBook = {
  title: "Astronomy",
  passages: [
    "Saturn is surrounded by rings of ice and rock that stretch for thousands of kilometres.",
    "Comets grow bright tails of gas and dust when they pass close to the Sun.",
  ],
};

export const GARDENING: TextBook = {
  title: "Gardening",
  passages: [
    "Tomatoes need at least eight hours of direct sunlight every day to ripen fully.",
    "Compost feeds the soil with organic matter and helps it hold water.",
  ],
};

export async function publishTexts(store: IndexStore, books: TextBook[]) {
  return store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "test", chunkSize: 1000, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) => {
      for (const book of books) {
        const bookId = book.title.toLowerCase().padEnd(64, "0");
        const chunks = book.passages.map((text, position) => ({
          bookId,
          title: book.title,
          file: `${book.title}.md`,
          chapter: `Chapter ${position + 1}`,
          position,
          text,
        }));
        builder.addBook(
          { bookId, file: `${book.title}.md`, title: book.title, format: "md" },
          chunks,
          await embedder.embedDocuments(book.passages),
        );
      }
    },
  );
}

/** Flips one byte near the end of a generation file, as disk corruption would. */
export function corruptFile(path: string): void {
  const bytes = readFileSync(path);
  const at = Math.max(0, bytes.length - 5);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  writeFileSync(path, bytes);
}

export function generationFile(store: IndexStore, id: string, name: string): string {
  return join(store.generationDir(id), name);
}
