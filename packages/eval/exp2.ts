import { openIndexStore } from "@ai-library/shared/index";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { loadXquad } from "./src/xquad/load-xquad.js";
import { xquadQuestions } from "./src/questions/xquad-questions.js";
import { articleFileName } from "./src/xquad/render-article.js";
import { comparableWords } from "./src/measure/passage-hit.js";
const store = openIndexStore(process.argv[2] ?? "/tmp/eval-quick/index");
const N = Number(process.argv[3] ?? 12);
const gen = await store.openLive();
const emb = createLocalHashedEmbedder({ dims: 384 });
const CAND = 100;
type Feat = { label: number; kw: number; cos: number; hit: boolean; book: string };
const data: { lang: string; feats: Feat[] }[] = [];
for (const lang of ["en", "ru"] as const) {
  const arts = loadXquad(`/work/shared/corpus/qa/xquad/xquad.${lang}.json`).slice(0, N);
  const qs = xquadQuestions(lang, arts, arts.map((a, i) => `xquad-${lang}/${articleFileName(i, a.title)}`));
  for (const q of qs) {
    const vector = await emb.embedQuery(q.question);
    const kw = gen.keywordCandidates(q.question, CAND);
    const vec = gen.vectorCandidates(vector, CAND);
    const labels = [...new Set([...kw.map((h) => h.label), ...vec.map((h) => h.label)])];
    const cos = gen.similarities(vector, labels);
    const chunks = gen.chunksByLabel(labels);
    const kwMap = new Map(kw.map((h) => [h.label, h.score]));
    const exp = comparableWords(q.expected);
    data.push({
      lang,
      feats: labels.map((label) => {
        const c = chunks.get(label)!;
        return { label, kw: kwMap.get(label) ?? 0, cos: cos.get(label) ?? 0, hit: c.file === q.file && comparableWords(c.text).includes(exp), book: c.bookId };
      }),
    });
  }
}
gen.close();
const { writeFileSync } = await import("node:fs");
writeFileSync("/tmp/exp/feats.json", JSON.stringify(data));
console.log("questions", data.length);
