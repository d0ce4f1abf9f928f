// A verified generation held open for queries: vector search in FAISS, citations from the
// docstore, and raw vectors for the next ingest to reuse unchanged books.
import { closeSync, openSync, readSync } from "node:fs";
import { basename, join } from "node:path";
import type { Chunk } from "../chunking/types.js";
import { type EmbedderIdentity, formatIdentity, sameIdentity } from "../embeddings/types.js";
import type { Passage } from "../retrieval/types.js";
import type { DocstoreReader } from "./docstore.js";
import { EmbedderMismatchError, IndexIntegrityError } from "./errors.js";
import { type BookRecord, type GenerationManifest, readManifest } from "./manifest.js";
import { verifyAndOpenGeneration } from "./verify-generation.js";

export interface LoadedGeneration {
  readonly id: string;
  readonly dir: string;
  readonly manifest: GenerationManifest;
  readonly docstore: DocstoreReader;
  /** Nearest chunks to a unit query vector, best first; score = cosine similarity. */
  search(query: Float32Array, k: number): Passage[];
  book(bookId: string): BookRecord | undefined;
  chunksOfBook(bookId: string): Chunk[];
  vectorsOfBook(bookId: string): Float32Array[];
  close(): void;
}

export async function openGeneration(
  dir: string,
  options: { expectedEmbedder?: EmbedderIdentity } = {},
): Promise<LoadedGeneration> {
  const id = basename(dir);
  const declared = readManifest(dir);
  if (declared.ok && options.expectedEmbedder && !sameIdentity(declared.manifest.embedder, options.expectedEmbedder)) {
    throw new EmbedderMismatchError(
      id,
      formatIdentity(declared.manifest.embedder),
      formatIdentity(options.expectedEmbedder),
    );
  }
  const result = await verifyAndOpenGeneration(dir);
  if (!result.ok) {
    const first = result.faults[0];
    throw new IndexIntegrityError(
      id,
      result.faults.map((fault) => (fault.file ? `${fault.file}: ${fault.fault}` : fault.fault)).join("; "),
      first?.file,
    );
  }
  const { manifest, index, docstore } = result.generation;
  const books = new Map(manifest.books.map((book) => [book.bookId, book]));
  const dims = manifest.embedder.dims;
  return {
    id: manifest.id,
    dir,
    manifest,
    docstore,
    search(query, k) {
      const total = index.ntotal();
      if (total === 0 || k <= 0) return [];
      const { labels, distances } = index.search(Array.from(query), Math.min(k, total));
      const found = labels.filter((label) => label >= 0);
      const chunks = docstore.chunksByLabel(found);
      const passages: Passage[] = [];
      labels.forEach((label, rank) => {
        const chunk = chunks.get(label);
        if (chunk) passages.push({ ...chunk, score: distances[rank] ?? 0 });
      });
      return passages;
    },
    book: (bookId) => books.get(bookId),
    chunksOfBook: (bookId) => docstore.chunksOfBook(bookId),
    vectorsOfBook(bookId) {
      const book = books.get(bookId);
      if (!book || book.chunkCount === 0) return [];
      const bytes = book.chunkCount * dims * 4;
      const buffer = Buffer.alloc(bytes);
      const fd = openSync(join(dir, manifest.vectors.file), "r");
      try {
        readSync(fd, buffer, 0, bytes, manifest.vectors.offset + book.firstLabel * dims * 4);
      } finally {
        closeSync(fd);
      }
      const all = new Float32Array(buffer.buffer, buffer.byteOffset, book.chunkCount * dims);
      return Array.from({ length: book.chunkCount }, (_, row) => all.slice(row * dims, (row + 1) * dims));
    },
    close: () => docstore.close(),
  };
}
