// Builds small real generations for index tests: deterministic unit vectors, real files.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chunk } from "../../src/chunking/types.js";
import type { EmbedderIdentity } from "../../src/embeddings/types.js";
import { type IndexStore, openIndexStore } from "../../src/index/index.js";

export const TEST_EMBEDDER: EmbedderIdentity = { provider: "local", model: "test-vectors", dims: 8 };

export function unitVector(seed: number, dims = TEST_EMBEDDER.dims): Float32Array {
  const vector = new Float32Array(dims);
  let state = seed * 2654435761;
  for (let i = 0; i < dims; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    vector[i] = state / 2 ** 31 - 0.5;
  }
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

export function bookChunks(bookId: string, title: string, count: number): Chunk[] {
  return Array.from({ length: count }, (_, position) => ({
    bookId,
    title,
    file: `${title}.pdf`,
    page: position + 1,
    position,
    text: `${title} passage ${position}`,
  }));
}

export function tempStore(): IndexStore {
  return openIndexStore(join(mkdtempSync(join(tmpdir(), "index-store-")), "index"));
}

export async function publishBooks(
  store: IndexStore,
  books: { bookId: string; title: string; chunks: number; seed: number }[],
  indexFactory = "Flat",
) {
  return store.publish(
    { embedder: TEST_EMBEDDER, chunking: { version: "test", chunkSize: 100, chunkOverlap: 10 }, indexFactory },
    async (builder) => {
      for (const book of books) {
        const chunks = bookChunks(book.bookId, book.title, book.chunks);
        builder.addBook(
          { bookId: book.bookId, file: `${book.title}.pdf`, title: book.title, format: "pdf", pages: book.chunks },
          chunks,
          chunks.map((_, row) => unitVector(book.seed * 1000 + row)),
        );
      }
    },
  );
}
