import { openIndexStore, keywordTerms } from "./src/index/index.js";
import { normaliseForSearch, tokenize } from "./src/text/index.js";
import { loadLongBookQuestions } from "../eval/src/questions/long-book-questions.js";
const gen = await openIndexStore("/tmp/eval-quick/index").openLive();
const cw = (t: string) => ` ${tokenize(normaliseForSearch(t)).join(" ")} `;
for (const q of loadLongBookQuestions("../eval/data/long-book-questions.json")) {
  if (!["moby-ivory-leg","sh-swamp-adder","sh-speckled-band-cry","sh-copper-beeches-hair","moby-ishmael","sh-the-woman"].includes(q.id)) continue;
  const terms = [...new Set(keywordTerms(q.question))];
  const kw = gen.keywordCandidates(terms, 500);
  const chunks = gen.chunksByLabel(kw.map((h) => h.label));
  const exp = cw(q.expected);
  const rank = kw.findIndex((h) => { const c = chunks.get(h.label)!; return c.file === q.file && cw(c.text).includes(exp); });
  const gold = rank >= 0 ? chunks.get(kw[rank]!.label)! : undefined;
  const gt = new Set(gold ? keywordTerms(gold.text) : []);
  console.log(`${q.id}: kw rank ${rank} of ${kw.length}; terms ${terms.map((t) => t + (gt.has(t) ? "+" : "-")).join(" ")} idf ${[...gen.termWeights(terms)].map(([t, w]) => `${t}:${w.toFixed(1)}`).join(" ")}`);
}
