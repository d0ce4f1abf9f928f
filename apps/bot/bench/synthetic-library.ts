// A synthetic library of any size for the bot benchmarks: pseudo-Russian text from a seeded
// generator, embedded with the offline embedder and published through the index store's own
// builder (docstore with its keyword index, FAISS index, manifest), so the bot loads it exactly
// like an ingested one. Kept between runs (same size, embedder and factory → reused), because
// building it is not what the benchmarks measure.
// Fast at a million chunks: only the first POOL_SIZE chunks are embedded; the library repeats
// that pool (text and vector together) to the requested size. Embedding was ~0.5 ms a chunk
// here, i.e. most of an hour at 1M; FAISS and BM25 costs depend on the count of chunks and
// postings, not on whether the texts repeat, and every chunk still has its own row and label.
import { createHash } from "node:crypto";
import { CHUNKER_VERSION } from "@ai-library/shared/chunking";
import type { Embedder } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";

const CHUNKS_PER_BOOK = 1000;
const WORDS_PER_CHUNK = 60;
const POOL_SIZE = 100_000;
const SYLLABLES = "ка ло ми ре ту на со ви ле да го ры пе ст мо ра ни ко лу зе бо жи ча ше".split(" ");

export function createTextGenerator(seed = 20_240_601) {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const vocabulary = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(
      "",
    ),
  );
  // Skewed towards frequent words, as real text is.
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)] ?? "слово";
  return { chunkText: () => `${Array.from({ length: WORDS_PER_CHUNK }, word).join(" ")}.` };
}

function libraryIsReady(store: IndexStore, chunks: number, embedder: Embedder, factory: string): boolean {
  const live = store.list().find((entry) => entry.live)?.manifest;
  return (
    live !== undefined &&
    live.chunkCount === chunks &&
    live.indexFactory === factory &&
    live.embedder.model === embedder.identity.model &&
    live.embedder.dims === embedder.identity.dims
  );
}

export interface SyntheticLibrary {
  store: IndexStore;
  generationId: string;
  indexBytes: number;
  /** Bytes of index.faiss alone (what the search process holds in memory). */
  faissBytes: number;
  built: boolean;
}

export async function ensureSyntheticLibrary(
  indexDir: string,
  chunks: number,
  embedder: Embedder,
  factory = "Flat",
): Promise<SyntheticLibrary> {
  const store = openIndexStore(indexDir);
  let built = false;
  if (!libraryIsReady(store, chunks, embedder, factory)) {
    built = true;
    const generator = createTextGenerator();
    const poolTexts: string[] = [];
    const poolVectors: Float32Array[] = [];
    await store.publish(
      {
        embedder: embedder.identity,
        chunking: { version: CHUNKER_VERSION, chunkSize: 1000, chunkOverlap: 150 },
        indexFactory: factory,
      },
      async (builder) => {
        for (let book = 0; book * CHUNKS_PER_BOOK < chunks; book++) {
          const title = `Синтетическая книга ${book + 1}`;
          const bookId = createHash("sha256").update(title).digest("hex");
          const file = `synthetic/book-${book + 1}.txt`;
          const first = book * CHUNKS_PER_BOOK;
          const count = Math.min(CHUNKS_PER_BOOK, chunks - first);
          if (poolTexts.length < POOL_SIZE) {
            const texts = Array.from({ length: count }, generator.chunkText);
            poolTexts.push(...texts);
            poolVectors.push(...(await embedder.embedDocuments(texts)));
          }
          const rows = Array.from({ length: count }, (_, at) => (first + at) % POOL_SIZE);
          const bookChunks = rows.map((row, position) => ({
            bookId,
            title,
            file,
            position,
            chapter: `Глава ${Math.floor(position / 50) + 1}`,
            text: poolTexts[row] ?? "",
          }));
          builder.addBook(
            { bookId, file, title, format: "txt" },
            bookChunks,
            rows.map((row) => poolVectors[row] ?? new Float32Array(embedder.identity.dims)),
          );
          if (book % 100 === 99) console.log(`  … ${first + count} of ${chunks} chunks written`);
        }
        console.log("  … building the FAISS index and checksums");
      },
    );
  }
  const live = store.list().find((entry) => entry.live)?.manifest;
  if (!live) throw new Error("the synthetic library was not published");
  const indexBytes = Object.values(live.files).reduce((sum, file) => sum + file.bytes, 0);
  return { store, generationId: live.id, indexBytes, faissBytes: live.files["index.faiss"]?.bytes ?? 0, built };
}
