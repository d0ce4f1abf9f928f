import { join } from "node:path";
import { openIndexStore } from "@ai-library/shared/index";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { searchGeneration, DEFAULT_RETRIEVAL_SETTINGS } from "@ai-library/shared/retrieval";
import { loadXquad } from "./src/xquad/load-xquad.js";
import { xquadQuestions } from "./src/questions/xquad-questions.js";
import { articleFileName } from "./src/xquad/render-article.js";
import { firstHitRank } from "./src/measure/passage-hit.js";
const store = openIndexStore("/tmp/eval-quick/index");
const gen = await store.openLive();
const emb = createLocalHashedEmbedder({ dims: 384 });
for (const lang of ["en", "ru"] as const) {
  const arts = loadXquad(`/work/shared/corpus/qa/xquad/xquad.${lang}.json`).slice(0, 12);
  const qs = xquadQuestions(lang, arts, arts.map((a, i) => `xquad-${lang}/${articleFileName(i, a.title)}`));
  let shown = 0;
  for (const q of qs) {
    const vector = await emb.embedQuery(q.question);
    const ps = searchGeneration(gen, { text: q.question, vector }, 5, { ...DEFAULT_RETRIEVAL_SETTINGS, mode: "keyword" });
    const r = firstHitRank(ps, q.file, q.expected);
    if (r !== 1 && shown < 8) {
      shown++;
      console.log(`\n### [${lang}] ${q.question}  => gold "${q.expected}" rank ${r}`);
      console.log(`  top1 (${ps[0]?.file}): ${ps[0]?.text.slice(0, 300).replace(/\n/g, " ")}`);
    }
  }
}
gen.close();
