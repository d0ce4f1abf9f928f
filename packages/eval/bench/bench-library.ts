// A 100k-chunk library for the retrieval benchmark, from real text: sentences of the XQuAD
// paragraphs (en + ru) shuffled into ~1000-character chunks, so the keyword index sees a real
// vocabulary and real term frequencies. Embedded with the offline embedder and published with
// the index store's own builder; kept between runs (same size and recipe → reused).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Embedder } from "@ai-library/shared/embeddings";
import { type IndexStore, KEYWORD_TERMS_VERSION, openIndexStore } from "@ai-library/shared/index";
import { splitSentences } from "@ai-library/shared/text";
import type { XquadArticle } from "../src/xquad/load-xquad.js";

const CHUNKS_PER_BOOK = 1000;
const CHUNK_CHARS = 1000;

function sentencesOf(articles: XquadArticle[], lang: "en" | "ru"): string[] {
  return articles.flatMap((article) => article.paragraphs.flatMap((p) => splitSentences(p.context, lang)));
}

function* chunkTexts(sentences: string[], count: number): Generator<string> {
  let state = 20_240_601;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return sentences[state % sentences.length] ?? "";
  };
  for (let i = 0; i < count; i++) {
    let text = "";
    while (text.length < CHUNK_CHARS) text += `${next()} `;
    yield text.trim();
  }
}

export async function ensureBenchLibrary(
  dir: string,
  chunks: number,
  embedder: Embedder,
  articles: { en: XquadArticle[]; ru: XquadArticle[] },
): Promise<{ store: IndexStore; built: boolean; seconds: number }> {
  const store = openIndexStore(dir);
  const recipe = JSON.stringify({ chunks, embedder: embedder.identity, terms: KEYWORD_TERMS_VERSION, v: 1 });
  const stamp = join(dir, "bench-recipe.json");
  if (store.liveId() && existsSync(stamp) && readFileSync(stamp, "utf8") === recipe) {
    return { store, built: false, seconds: 0 };
  }
  const started = performance.now();
  const sentences = [...sentencesOf(articles.en, "en"), ...sentencesOf(articles.ru, "ru")];
  const texts = chunkTexts(sentences, chunks);
  await store.publish(
    {
      embedder: embedder.identity,
      chunking: { version: "bench", chunkSize: CHUNK_CHARS, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) => {
      for (let book = 0; book * CHUNKS_PER_BOOK < chunks; book++) {
        const title = `Bench book ${book + 1}`;
        const bookId = createHash("sha256").update(title).digest("hex");
        const file = `bench/book-${book + 1}.txt`;
        const count = Math.min(CHUNKS_PER_BOOK, chunks - book * CHUNKS_PER_BOOK);
        const bookChunks = Array.from({ length: count }, (_, position) => ({
          bookId,
          title,
          file,
          position,
          text: texts.next().value ?? "",
        }));
        const vectors = await embedder.embedDocuments(bookChunks.map((chunk) => chunk.text));
        builder.addBook({ bookId, file, title, format: "txt" }, bookChunks, vectors);
      }
    },
  );
  writeFileSync(stamp, recipe);
  return { store, built: true, seconds: (performance.now() - started) / 1000 };
}
