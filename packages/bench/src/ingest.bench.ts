// `pnpm bench ingest`: raw pdfjs-dist extraction vs our whole ingest pipeline on the same
// large real book, chunks/s, publishing 100k×384 vectors (our direct flat-file writer vs a
// naive faiss `add` of a JS array), and peak RSS. Ratios from one run are what count.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadFaiss, MetricType } from "@ai-library/faiss-native";
import { parseConfig } from "@ai-library/shared/config";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";
import { createLogger } from "@ai-library/shared/logging";
import { ingestSettingsFromConfig, runIngest } from "@ai-library/shared/pipeline";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { type Figure, peakRssMb, report } from "./report.js";

const BOOK = process.env.BENCH_PDF ?? join(import.meta.dirname, "../../../../shared/corpus/pdf/freeculture.pdf");
const VECTORS = 100_000;
const DIMS = 384;

async function rawPdfjsPagesPerSecond(path: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false }).promise;
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    await page.getTextContent();
    page.cleanup();
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, seconds: (performance.now() - started) / 1000 };
}

async function pipelinePagesPerSecond(path: string, work: string) {
  const books = join(work, "books");
  mkdirSync(books, { recursive: true });
  copyFileSync(path, join(books, "book.pdf"));
  const config = parseConfig({ INDEX_DIR: join(work, "index"), LOG_DIR: join(work, "logs"), INGEST_CONCURRENCY: "1" });
  const logger = createLogger({ service: "bench", level: "warn", dir: config.LOG_DIR, console: false });
  const embedder = createLocalHashedEmbedder({ dims: config.LOCAL_EMBEDDING_DIMS });
  const started = performance.now();
  const result = await runIngest(
    { settings: ingestSettingsFromConfig(config), logger, embedder, store: openIndexStore(config.INDEX_DIR) },
    { folder: books },
  );
  const seconds = (performance.now() - started) / 1000;
  const pages = result.outcomes[0]?.pages ?? 0;
  return { pages, seconds, chunks: result.chunkCount };
}

function randomUnitVectors(count: number, dims: number): Float32Array[] {
  let state = 12345;
  return Array.from({ length: count }, () => {
    const vector = new Float32Array(dims);
    let norm = 0;
    for (let i = 0; i < dims; i++) {
      state = (state * 1664525 + 1013904223) >>> 0;
      vector[i] = state / 2 ** 32 - 0.5;
      norm += (vector[i] ?? 0) ** 2;
    }
    return vector.map((value) => value / Math.sqrt(norm));
  });
}

async function publishSeconds(work: string, vectors: Float32Array[]): Promise<number> {
  const store = openIndexStore(join(work, "publish-index"));
  const chunks = vectors.map((_, position) => ({
    bookId: "b".repeat(64),
    title: "Synthetic",
    file: "synthetic.txt",
    position,
    text: `Synthetic passage ${position} with some words to store in the docstore like a real chunk would.`,
  }));
  const started = performance.now();
  await store.publish(
    {
      embedder: { provider: "local", model: "bench", dims: DIMS },
      chunking: { version: "bench", chunkSize: 1000, chunkOverlap: 0 },
      indexFactory: "Flat",
    },
    async (builder) => {
      builder.addBook(
        { bookId: "b".repeat(64), file: "synthetic.txt", title: "Synthetic", format: "txt" },
        chunks,
        vectors,
      );
    },
  );
  return (performance.now() - started) / 1000;
}

function naiveAddSeconds(vectors: Float32Array[]): number {
  const started = performance.now();
  const index = loadFaiss().Index.fromFactory(DIMS, "Flat", MetricType.INNER_PRODUCT);
  const flat: number[] = [];
  for (const vector of vectors) for (const value of vector) flat.push(value);
  index.add(flat);
  return (performance.now() - started) / 1000;
}

async function embedderChunksPerSecond(): Promise<number> {
  const embedder = createLocalHashedEmbedder({ dims: DIMS });
  const text = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8").slice(0, 1000);
  const texts = Array.from({ length: 2000 }, (_, i) => `${text} ${i}`);
  const started = performance.now();
  await embedder.embedDocuments(texts);
  return texts.length / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  if (!existsSync(BOOK)) throw new Error(`benchmark book not found: ${BOOK} (set BENCH_PDF)`);
  const work = mkdtempSync(join(tmpdir(), "bench-ingest-"));
  try {
    const raw = await rawPdfjsPagesPerSecond(BOOK);
    const pipeline = await pipelinePagesPerSecond(BOOK, work);
    const rawRate = raw.pages / raw.seconds;
    const pipelineRate = pipeline.pages / pipeline.seconds;
    const vectors = randomUnitVectors(VECTORS, DIMS);
    const publish = await publishSeconds(work, vectors);
    const naive = process.argv.includes("--skip-naive") ? Number.NaN : naiveAddSeconds(vectors);
    const figures: Figure[] = [
      { name: "raw pdfjs-dist extraction", value: rawRate, unit: "pages/s" },
      { name: "whole ingest pipeline", value: pipelineRate, unit: "pages/s" },
      {
        name: "pipeline / raw extraction",
        value: pipelineRate / rawRate,
        unit: "×",
        target: "≥ 0.7×",
        ok: pipelineRate / rawRate >= 0.7,
      },
      { name: "pipeline chunks", value: pipeline.chunks / pipeline.seconds, unit: "chunks/s" },
      { name: "local embedder alone", value: await embedderChunksPerSecond(), unit: "chunks/s (1000 chars)" },
      {
        name: `publish ${VECTORS / 1000}k×${DIMS} (ours)`,
        value: publish,
        unit: "s",
        target: "≤ 3 s",
        ok: publish <= 3,
      },
      { name: `naive faiss add ${VECTORS / 1000}k×${DIMS}`, value: naive, unit: "s" },
      { name: "naive add / ours", value: naive / publish, unit: "×" },
      { name: "peak RSS (this process)", value: peakRssMb(), unit: "MiB" },
    ];
    report("ingest", figures, [
      `book: ${BOOK} (${raw.pages} pages); pipeline = scan + isolated parse + chunk + embed (local) + publish`,
    ]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
