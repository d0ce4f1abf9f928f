// The synthetic library of `pnpm bench grow`: books of 300 chunks of ~600-character passages
// composed from the project's docs (peer/bench-chunks.ts), their keyword postings computed as a
// book job computes them, and seeded clustered unit vectors in place of embeddings (embedding
// a million chunks with the local embedder would take over an hour; a flat index's publish
// cost does not depend on what the vectors hold). Each book is made on demand from its number,
// so a process never holds the whole library.
import type { Chunk } from "@ai-library/shared/chunking";
import { type BookPostings, bookPostings, type NewBook } from "@ai-library/shared/index";
import { benchChunkTexts } from "../peer/bench-chunks.js";
import { createClusteredVectors, rowsOf } from "../scale/clustered-vectors.js";

export const DIMS = 384;
export const CHUNKS_PER_BOOK = 300;
export const GROW_EMBEDDER = { provider: "local", model: "bench-synthetic", dims: DIMS } as const;
export const GROW_CHUNKING = { version: "bench", chunkSize: 600, chunkOverlap: 0 };

export interface GrowBook {
  record: NewBook;
  chunks: Chunk[];
  vectors: Float32Array[];
  postings: BookPostings;
}

export const bookCount = (size: number) => Math.ceil(size / CHUNKS_PER_BOOK);

/** Chunks of book `n` in a library of `size` chunks: 300, the last book the rest. */
export const rowsOfBook = (n: number, size: number) => Math.min(CHUNKS_PER_BOOK, size - n * CHUNKS_PER_BOOK);

/** Book `n` (0-based) with `rows` chunks; the same `n` always gives the same book. */
export function growBook(n: number, rows: number): GrowBook {
  const bookId = String(n).padStart(64, "0");
  const file = `book-${String(n).padStart(5, "0")}.txt`;
  const title = `Book ${n}`;
  const chunks: Chunk[] = benchChunkTexts(rows, n + 1).map((text, position) => ({
    bookId,
    title,
    file,
    position,
    text,
  }));
  const source = createClusteredVectors({ dims: DIMS, clusters: 64, spread: 0.03, seed: n + 1 });
  return {
    record: { bookId, file, title, format: "txt" },
    chunks,
    vectors: rowsOf(source.next(rows), DIMS),
    postings: bookPostings(title, chunks),
  };
}
