// Builds small real libraries for retrieval tests: chunk texts as given, embedded with the
// real local embedder, published as a generation (FAISS file + SQLite docstore + keyword index).
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Chunk } from "../../src/chunking/types.js";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";
import type { Embedder } from "../../src/embeddings/types.js";
import { type IndexStore, openIndexStore } from "../../src/index/index.js";
import type { Thesaurus } from "../../src/retrieval/expansion/thesaurus.js";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type LiveLibrary } from "../../src/retrieval/index.js";
import type { RetrievalSettings } from "../../src/retrieval/retrieval-settings.js";
import { captureLogger } from "./capture-logger.js";

export interface TestBook {
  title: string;
  /** One entry per chunk, in book order. */
  chunks: string[];
  chapter?: string;
  /** Section of each chunk, by position (none when absent). */
  sections?: (string | undefined)[];
  /** Page of the first chunk; following chunks get the next pages. */
  firstPage?: number;
}

export const localEmbedder = (): Embedder => createLocalHashedEmbedder({ dims: 384 });

export function tempStore(): IndexStore {
  return openIndexStore(join(mkdtempSync(join(tmpdir(), "retrieval-")), "index"));
}

export function chunksOf(book: TestBook): Chunk[] {
  const bookId = createHash("sha256").update(book.title).digest("hex");
  return book.chunks.map((text, position) => ({
    bookId,
    title: book.title,
    file: `${book.title}.txt`,
    position,
    text,
    ...(book.chapter ? { chapter: book.chapter } : {}),
    ...(book.sections?.[position] ? { section: book.sections[position] } : {}),
    ...(book.firstPage !== undefined ? { page: book.firstPage + position } : {}),
  }));
}

export async function publishBooks(
  store: IndexStore,
  embedder: Embedder,
  books: TestBook[],
  options: { keywordIndex?: boolean } = {},
) {
  return store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "test", chunkSize: 1000, chunkOverlap: 150 },
      indexFactory: "Flat",
      ...(options.keywordIndex === false ? { keywordIndex: false } : {}),
    },
    async (builder) => {
      for (const book of books) {
        const chunks = chunksOf(book);
        const vectors = await embedder.embedDocuments(chunks.map((chunk) => chunk.text));
        const first = chunks[0];
        if (!first) continue;
        builder.addBook({ bookId: first.bookId, file: first.file, title: book.title, format: "txt" }, chunks, vectors);
      }
    },
  );
}

/** A live library over a store's published generation, loaded and ready to search. */
export async function openLiveLibrary(
  store: IndexStore,
  retrieval: Partial<RetrievalSettings> = {},
  thesaurus?: Thesaurus,
): Promise<LiveLibrary> {
  const library = createLiveLibrary({
    store,
    embedder: localEmbedder(),
    logger: captureLogger().logger,
    retrieval: { ...DEFAULT_RETRIEVAL_SETTINGS, ...retrieval },
    ...(thesaurus ? { thesaurus } : {}),
  });
  await library.reloadIfChanged();
  return library;
}

/** The books published in a new temp store, opened as a live library. */
export async function libraryOfBooks(
  books: TestBook[],
  retrieval: Partial<RetrievalSettings> = {},
  thesaurus?: Thesaurus,
): Promise<LiveLibrary> {
  const store = tempStore();
  await publishBooks(store, localEmbedder(), books);
  return openLiveLibrary(store, retrieval, thesaurus);
}
