import { openIndexStore } from "@ai-library/shared/index";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { searchGeneration, DEFAULT_RETRIEVAL_SETTINGS } from "@ai-library/shared/retrieval";
import { loadLongBookQuestions } from "./src/questions/long-book-questions.js";
import { firstHitRank } from "./src/measure/passage-hit.js";
const gen = await openIndexStore("/tmp/eval-quick/index").openLive();
const emb = createLocalHashedEmbedder({ dims: 384 });
for (const q of loadLongBookQuestions("data/long-book-questions.json")) {
  const ps = searchGeneration(gen, { text: q.question, vector: await emb.embedQuery(q.question) }, 5, DEFAULT_RETRIEVAL_SETTINGS);
  const r = firstHitRank(ps, q.file, q.expected);
  if (r === undefined || r > 1) {
    console.log(`\n### ${q.id} rank ${r}: ${q.question}`);
    for (const p of ps) console.log(`  - ${p.file} ${p.chapter ?? p.page}: ${p.text.slice(0, 150).replace(/\s+/g, " ")}`);
  }
}
