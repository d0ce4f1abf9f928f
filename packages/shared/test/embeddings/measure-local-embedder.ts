// Measures the local hashed embedder: throughput on 1000-character chunks and retrieval
// quality on XQuAD (each question against all 240 paragraphs, en and ru). Not a test.
// Run: npx tsx test/embeddings/measure-local-embedder.ts [path/to/shared/corpus]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";
import { dot } from "../../src/embeddings/l2-normalise.js";

const corpus = resolve(process.argv[2] ?? resolve(import.meta.dirname, "../../../../../shared/corpus"));

interface Squad {
  data: { paragraphs: { context: string; qas: { question: string }[] }[] }[];
}

function loadXquad(lang: "en" | "ru") {
  const raw = readFileSync(resolve(corpus, `qa/xquad/xquad.${lang}.json`), "utf8").replace(/^\uFEFF/, "");
  const squad = JSON.parse(raw) as Squad;
  const paragraphs: string[] = [];
  const questions: { text: string; gold: number }[] = [];
  for (const article of squad.data) {
    for (const paragraph of article.paragraphs) {
      const gold = paragraphs.push(paragraph.context.replace(/^\uFEFF/, "")) - 1;
      for (const qa of paragraph.qas) questions.push({ text: qa.question, gold });
    }
  }
  return { paragraphs, questions };
}

async function measureSpeed(texts: string[]) {
  const chunks: string[] = [];
  const all = texts.join(" ");
  for (let start = 0; start + 1000 <= all.length && chunks.length < 20_000; start += 997) {
    chunks.push(all.slice(start, start + 1000));
  }
  const embedder = createLocalHashedEmbedder({ dims: 384 });
  await embedder.embedDocuments(chunks.slice(0, 500)); // warm-up (JIT, stem cache)
  const fresh = createLocalHashedEmbedder({ dims: 384 });
  const started = performance.now();
  await fresh.embedDocuments(chunks);
  const seconds = (performance.now() - started) / 1000;
  return { chunks: chunks.length, perSecond: Math.round(chunks.length / seconds) };
}

async function measureRecall(lang: "en" | "ru") {
  const { paragraphs, questions } = loadXquad(lang);
  const embedder = createLocalHashedEmbedder({ dims: 384 });
  const vectors = await embedder.embedDocuments(paragraphs);
  let top1 = 0;
  let top5 = 0;
  for (const question of questions) {
    const query = await embedder.embedQuery(question.text);
    const goldScore = dot(query, vectors[question.gold] ?? query);
    const better = vectors.filter((vector, index) => index !== question.gold && dot(query, vector) > goldScore).length;
    if (better === 0) top1++;
    if (better < 5) top5++;
  }
  const speed = await measureSpeed(paragraphs);
  return {
    lang,
    questions: questions.length,
    recallAt1: (top1 / questions.length).toFixed(3),
    recallAt5: (top5 / questions.length).toFixed(3),
    ...speed,
  };
}

for (const lang of ["en", "ru"] as const) console.log(await measureRecall(lang));
