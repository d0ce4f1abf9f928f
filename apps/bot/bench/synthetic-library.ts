// A synthetic library of any size for the bot benchmark: pseudo-Russian text from a seeded
// generator, embedded with the offline embedder and published through the index store's own
// builder, so the bot loads it exactly like an ingested one. Kept between runs (same size and
// embedder → reused), because building 100k chunks is not what the benchmark measures.
import { createHash } from "node:crypto";
import { CHUNKER_VERSION } from "@ai-library/shared/chunking";
import type { Embedder } from "@ai-library/shared/embeddings";
import { type IndexStore, openIndexStore } from "@ai-library/shared/index";

const CHUNKS_PER_BOOK = 1000;
const WORDS_PER_CHUNK = 60;
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

function libraryIsReady(store: IndexStore, chunks: number, embedder: Embedder): boolean {
  const live = store.list().find((entry) => entry.live)?.manifest;
  return (
    live !== undefined &&
    live.chunkCount === chunks &&
    live.embedder.model === embedder.identity.model &&
    live.embedder.dims === embedder.identity.dims
  );
}

export interface SyntheticLibrary {
  store: IndexStore;
  generationId: string;
  indexBytes: number;
  built: boolean;
}

export async function ensureSyntheticLibrary(
  indexDir: string,
  chunks: number,
  embedder: Embedder,
): Promise<SyntheticLibrary> {
  const store = openIndexStore(indexDir);
  const generator = createTextGenerator();
  let built = false;
  if (!libraryIsReady(store, chunks, embedder)) {
    built = true;
    await store.publish(
      {
        embedder: embedder.identity,
        chunking: { version: CHUNKER_VERSION, chunkSize: 1000, chunkOverlap: 150 },
        indexFactory: "Flat",
      },
      async (builder) => {
        for (let book = 0; book * CHUNKS_PER_BOOK < chunks; book++) {
          const title = `Синтетическая книга ${book + 1}`;
          const bookId = createHash("sha256").update(title).digest("hex");
          const file = `synthetic/book-${book + 1}.txt`;
          const count = Math.min(CHUNKS_PER_BOOK, chunks - book * CHUNKS_PER_BOOK);
          const texts = Array.from({ length: count }, generator.chunkText);
          const bookChunks = texts.map((text, position) => ({
            bookId,
            title,
            file,
            position,
            chapter: `Глава ${Math.floor(position / 50) + 1}`,
            text,
          }));
          builder.addBook({ bookId, file, title, format: "txt" }, bookChunks, await embedder.embedDocuments(texts));
        }
      },
    );
  }
  const live = store.list().find((entry) => entry.live)?.manifest;
  if (!live) throw new Error("the synthetic library was not published");
  const indexBytes = Object.values(live.files).reduce((sum, file) => sum + file.bytes, 0);
  return { store, generationId: live.id, indexBytes, built };
}
