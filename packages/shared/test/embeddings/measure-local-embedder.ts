// Measures the local hashed embedder: throughput on 1000-character chunks and retrieval
// quality on XQuAD (each question against all 240 paragraphs, en and ru). Not a test.
// Run: npx tsx test/embeddings/measure-local-embedder.ts [path/to/shared/corpus]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { dot } from "../../src/embeddings/l2-normalise.js";
import { createLocalHashedEmbedder } from "../../src/embeddings/local-hashed-embedder.js";

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

/** 1000-char windows over the paragraphs at several offsets: ~6000 chunks per language. */
function thousandCharChunks(texts: string[]): string[] {
  const all = texts.join(" ");
  const chunks: string[] = [];
  for (let offset = 0; offset < 30; offset++) {
    for (let start = offset * 31; start + 1000 <= all.length; start += 997) chunks.push(all.slice(start, start + 1000));
  }
  return chunks;
}

/**
 * Cold = a fresh embedder (every word stemmed for the first time); warm = steady state.
 * Rates are per CPU-second of this process (process.cpuUsage), so that other work on a
 * shared machine does not distort them; wall-clock rates are printed alongside.
 */
async function measureSpeed(texts: string[]) {
  const chunks = thousandCharChunks(texts);
  const embedder = createLocalHashedEmbedder({ dims: 384 });
  const timed = async (batch: string[]) => {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await embedder.embedDocuments(batch);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const wallSeconds = (performance.now() - wallBefore) / 1000;
    return {
      perCpuSecond: Math.round(batch.length / cpuSeconds),
      perWallSecond: Math.round(batch.length / wallSeconds),
    };
  };
  const cold = await timed(chunks.slice(0, 200));
  const warm = await timed(chunks);
  return { chunks: chunks.length, cold, warm };
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
