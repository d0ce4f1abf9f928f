// One side of the peer comparison in its own process (`--system ours|langchain --size N --dir D`),
// so RSS deltas belong to one system only. Builds into D and leaves it there for the paired
// load and search phase (peer-paired.ts). Prints one `PEER_RESULT {json}` line for peer.bench.ts.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadFaiss } from "@ai-library/faiss-native";
import type { Chunk } from "@ai-library/shared/chunking";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { type BookPostings, bookPostings, openIndexStore } from "@ai-library/shared/index";
import { Document } from "@langchain/core/documents";
import { argument } from "../cli-args.js";
import { benchChunkTexts } from "./bench-chunks.js";
import { FaissStore, PrecomputedEmbeddings, useOurFaissForLangChain } from "./langchain-faiss.js";
import { settledRssMb, timed } from "./measure.js";
import { benchQueries, DIMS, K } from "./peer-common.js";
import type { PeerBuildResult, PeerRunResult } from "./peer-results.js";
import { runFloorChild } from "./run-peer-child.js";

const CHUNKS_PER_BOOK = 1000;
// FaissStore has no keyword search; `--no-keyword` measures our like-for-like part alone.
const KEYWORD_INDEX = !process.argv.includes("--no-keyword");
const BUILD_ONLY = process.argv.includes("--build-only");

function chunksOf(texts: string[]): Chunk[] {
  return texts.map((text, row) => ({
    bookId: String(Math.floor(row / CHUNKS_PER_BOOK)).padStart(64, "0"),
    title: `Book ${Math.floor(row / CHUNKS_PER_BOOK)}`,
    file: `book-${Math.floor(row / CHUNKS_PER_BOOK)}.txt`,
    position: row % CHUNKS_PER_BOOK,
    text,
  }));
}

/**
 * Each book's keyword postings, as the book jobs stage them with the vectors (issue 22): like
 * the embedding, computed before the build is timed. Without the keyword index, none.
 */
const postingsOf = (chunks: Chunk[]) => {
  if (!KEYWORD_INDEX) return undefined;
  const books: BookPostings[] = [];
  for (let first = 0; first < chunks.length; first += CHUNKS_PER_BOOK) {
    const book = chunks.slice(first, first + CHUNKS_PER_BOOK);
    books.push(bookPostings(book[0]?.title ?? "", book));
  }
  return books;
};

async function buildOurs(dir: string, chunks: Chunk[], vectors: Float32Array[]) {
  const postings = postingsOf(chunks);
  const embedder = createLocalHashedEmbedder({ dims: DIMS }).identity;
  const store = openIndexStore(dir);
  // The LangChain side loads the FAISS addon before its baseline (useOurFaissForLangChain), so
  // this side does too: RSS growth is the index's, not the shared library's.
  loadFaiss();
  const before = settledRssMb();
  const build = await timed(() =>
    store.publish(
      {
        embedder,
        chunking: { version: "bench", chunkSize: 600, chunkOverlap: 0 },
        indexFactory: "Flat",
        keywordIndex: KEYWORD_INDEX,
      },
      async (builder) => {
        for (let first = 0; first < chunks.length; first += CHUNKS_PER_BOOK) {
          const book = chunks.slice(first, first + CHUNKS_PER_BOOK);
          const head = book[0];
          if (!head) continue;
          builder.addBook(
            { bookId: head.bookId, file: head.file, title: head.title, format: "txt" },
            book,
            vectors.slice(first, first + CHUNKS_PER_BOOK),
            postings?.[first / CHUNKS_PER_BOOK],
          );
        }
      },
    ),
  );
  return { embedder, store, build, buildRssMb: settledRssMb() - before };
}

async function runOurs(dir: string, chunks: Chunk[], vectors: Float32Array[], queries: Float32Array[]) {
  const { embedder, store, build, buildRssMb } = await buildOurs(dir, chunks, vectors);
  const diskMb = Object.values(build.value.files).reduce((sum, file) => sum + file.bytes, 0) / 2 ** 20;
  const beforeLoad = settledRssMb();
  const load = await timed(() => store.openLive(embedder));
  const generation = load.value;
  generation.search(queries[0] ?? new Float32Array(DIMS), K);
  const loadRssMb = settledRssMb() - beforeLoad;
  generation.close();
  const floor = runFloorChild(store.generationDir(build.value.id), Object.keys(build.value.files));
  return {
    buildSeconds: build.seconds,
    buildRssMb,
    loadSeconds: load.seconds,
    loadRssMb,
    diskMb,
    durableFloor: floor,
  };
}

async function buildLangChain(dir: string, chunks: Chunk[], vectors: Float32Array[]) {
  useOurFaissForLangChain();
  const texts = chunks.map((chunk) => chunk.text);
  const embeddings = new PrecomputedEmbeddings(
    texts,
    vectors.map((vector) => Array.from(vector)),
  );
  const documents = chunks.map(({ text, ...source }) => new Document({ pageContent: text, metadata: { ...source } }));
  const before = settledRssMb();
  const build = await timed(async () => {
    const store = await FaissStore.fromDocuments(documents, embeddings);
    await store.save(dir);
    return store;
  });
  return { embeddings, build, buildRssMb: settledRssMb() - before };
}

async function runLangChain(dir: string, chunks: Chunk[], vectors: Float32Array[], queries: Float32Array[]) {
  const { embeddings, build, buildRssMb } = await buildLangChain(dir, chunks, vectors);
  const { statSync } = await import("node:fs");
  const diskMb = (statSync(join(dir, "faiss.index")).size + statSync(join(dir, "docstore.json")).size) / 2 ** 20;
  const beforeLoad = settledRssMb();
  const load = await timed(() => FaissStore.load(dir, embeddings));
  const store = load.value;
  await store.similaritySearchVectorWithScore(Array.from(queries[0] ?? new Float32Array(DIMS)), K);
  const loadRssMb = settledRssMb() - beforeLoad;
  return { buildSeconds: build.seconds, buildRssMb, loadSeconds: load.seconds, loadRssMb, diskMb };
}

async function main(): Promise<void> {
  const system = argument("system");
  if (system !== "ours" && system !== "langchain") throw new Error(`peer-run: unknown --system ${system}`);
  const size = Number(argument("size"));
  const embedder = createLocalHashedEmbedder({ dims: DIMS });
  const chunks = chunksOf(benchChunkTexts(size));
  const vectors = await embedder.embedDocuments(chunks.map((chunk) => chunk.text));
  const queries = await benchQueries();
  const dir = argument("dir");
  mkdirSync(dir, { recursive: true });
  if (BUILD_ONLY) {
    const { build } =
      system === "ours" ? await buildOurs(dir, chunks, vectors) : await buildLangChain(dir, chunks, vectors);
    const result: PeerBuildResult = { system, size, buildSeconds: build.seconds };
    console.log(`PEER_BUILD ${JSON.stringify(result)}`);
    return;
  }
  const figures =
    system === "ours"
      ? await runOurs(dir, chunks, vectors, queries)
      : await runLangChain(dir, chunks, vectors, queries);
  const result: PeerRunResult = { system, size, ...figures };
  console.log(`PEER_RESULT ${JSON.stringify(result)}`);
}

await main();
