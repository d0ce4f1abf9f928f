import { openIndexStore, keywordTerms } from "./src/index/index.js";
import { normaliseForSearch, tokenize } from "./src/text/index.js";
import { loadXquad } from "../eval/src/xquad/load-xquad.js";
import { xquadQuestions } from "../eval/src/questions/xquad-questions.js";
import { articleFileName } from "../eval/src/xquad/render-article.js";
const store = openIndexStore("/tmp/eval-quick/index");
const gen = await store.openLive();
const cw = (t: string) => ` ${tokenize(normaliseForSearch(t)).join(" ")} `;
const lang = (process.argv[2] ?? "ru") as "ru" | "en";
const arts = loadXquad(`/work/shared/corpus/qa/xquad/xquad.${lang}.json`).slice(0, 12);
const qs = xquadQuestions(lang, arts, arts.map((a, i) => `xquad-${lang}/${articleFileName(i, a.title)}`));
let n = 0;
for (const q of qs) {
  const kw = gen.keywordCandidates(q.question, 200);
  const chunks = gen.chunksByLabel(kw.map((h) => h.label));
  const exp = cw(q.expected);
  const rank = kw.findIndex((h) => { const c = chunks.get(h.label)!; return c.file === q.file && cw(c.text).includes(exp); });
  if (rank === 0) continue;
  n++;
  const qt = [...new Set(keywordTerms(q.question))];
  const goldLabel = rank >= 0 ? kw[rank]!.label : undefined;
  const gold = goldLabel !== undefined ? chunks.get(goldLabel)! : undefined;
  const top = chunks.get(kw[0]!.label)!;
  const gt = new Set(gold ? keywordTerms(gold.text) : []);
  const tt = new Set(keywordTerms(top.text));
  console.log(`\n[${rank}] ${q.question} => ${q.expected}\n  qterms: ${qt.map((t) => `${t}${gt.has(t) ? "+" : "-"}${tt.has(t) ? "T" : ""}`).join(" ")}\n  top: ${top.file} ${kw[0]!.score.toFixed(2)} gold: ${rank >= 0 ? kw[rank]!.score.toFixed(2) : "-"}`);
}
console.log("misses", n, "of", qs.length);
