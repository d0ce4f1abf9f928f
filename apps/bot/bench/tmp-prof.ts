import { createExtractiveAnswerer } from "@ai-library/shared/answer";
import { createLocalHashedEmbedder } from "@ai-library/shared/embeddings";
import { openIndexStore } from "@ai-library/shared/index";

const store = openIndexStore("/tmp/ai-library-bot-bench-20000/index");
const e = createLocalHashedEmbedder({ dims: 384 });
const g = await store.openLive(e.identity);
const rows = g.docstore.db.prepare("SELECT text FROM chunks ORDER BY random() LIMIT 100").all() as { text: string }[];
const qs = rows.map((r) => r.text.split(" ").slice(10, 18).join(" "));
const a = createExtractiveAnswerer();
let te = 0,
  ts = 0,
  ta = 0;
for (const q of qs) {
  let t = performance.now();
  const v = await e.embedQuery(q);
  te += performance.now() - t;
  t = performance.now();
  const p = g.search(v, 5);
  ts += performance.now() - t;
  t = performance.now();
  await a.answer(q, p, { language: "ru" });
  ta += performance.now() - t;
}
console.log("embed", te / 100, "search", ts / 100, "answer", ta / 100);
