// `pnpm bench retrieval`: query latency of keyword, vector and hybrid search at 100k chunks,
// in one run on one library, through the bot's retriever (createLiveLibrary → search, k = 5,
// question embedding included). Target: hybrid p99 ≤ 2× vector-only p99.
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { createLogger } from "@ai-library/shared/logging";
import { createLiveLibrary, DEFAULT_RETRIEVAL_SETTINGS, type RetrievalMode } from "@ai-library/shared/retrieval";
import { type Figure, report } from "../../bench/src/report.js";
import { xquadQuestions } from "../src/questions/xquad-questions.js";
import { loadXquad } from "../src/xquad/load-xquad.js";
import { ensureBenchLibrary } from "./bench-library.js";

const CHUNKS = 100_000;
const QUESTIONS = 400;
const WARMUP = 30;
const corpus = resolve(import.meta.dirname, "../../../../shared/corpus");
const dir = join(tmpdir(), `ai-library-retrieval-bench-${CHUNKS}`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

const articles = {
  en: loadXquad(join(corpus, "qa/xquad/xquad.en.json")),
  ru: loadXquad(join(corpus, "qa/xquad/xquad.ru.json")),
};
const questions = [...xquadQuestions("en", articles.en, []), ...xquadQuestions("ru", articles.ru, [])]
  .filter((_, index) => index % 5 === 0)
  .slice(0, QUESTIONS)
  .map((q) => q.question);
const embedder = createLocalHashedEmbedder({ dims: 384 });
const logger = createLogger({ service: "bench", level: "warn", dir: join(dir, "logs"), console: false });
const library = await ensureBenchLibrary(dir, CHUNKS, embedder, articles);
console.log(library.built ? `built the ${CHUNKS}-chunk library in ${library.seconds.toFixed(0)} s` : `reusing ${dir}`);

const figures: Figure[] = [];
const p99: Partial<Record<RetrievalMode, number>> = {};
for (const mode of ["vector", "keyword", "hybrid"] as const) {
  const live = createLiveLibrary({
    store: library.store,
    embedder,
    logger,
    retrieval: { ...DEFAULT_RETRIEVAL_SETTINGS, mode },
  });
  await live.reloadIfChanged();
  for (const question of questions.slice(0, WARMUP)) await live.search(question, 5);
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await live.search(question, 5);
    times.push(performance.now() - started);
  }
  live.close();
  times.sort((a, b) => a - b);
  p99[mode] = percentile(times, 0.99);
  figures.push({ name: `${mode} p50`, value: percentile(times, 0.5), unit: "ms" });
  figures.push({ name: `${mode} p99`, value: p99[mode] ?? 0, unit: "ms" });
}
const ratio = (p99.hybrid ?? 0) / Math.max(1e-9, p99.vector ?? 0);
figures.push({ name: "hybrid p99 / vector p99", value: ratio, unit: "×", target: "≤ 2×", ok: ratio <= 2 });
report("retrieval", figures, [
  `${CHUNKS} chunks of ~1000 chars (XQuAD sentences, en+ru), local embedder 384 dims, FAISS Flat, keyword index (keywords.bin)`,
  `${questions.length} XQuAD questions per mode after ${WARMUP} warm-up searches, k=5, settings ${JSON.stringify(DEFAULT_RETRIEVAL_SETTINGS)}`,
]);
