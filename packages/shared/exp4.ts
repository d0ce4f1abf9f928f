import Database from "better-sqlite3";
import { readFileSync, writeFileSync } from "node:fs";
import { openIndexStore, keywordTerms } from "./src/index/index.js";
import { createLocalHashedEmbedder } from "./src/embeddings/index.js";
import { splitSentences, detectLanguage, normaliseForSearch, tokenize } from "./src/text/index.js";
import { loadXquad } from "../eval/src/xquad/load-xquad.js";
import { xquadQuestions } from "../eval/src/questions/xquad-questions.js";
import { articleFileName } from "../eval/src/xquad/render-article.js";
const dir = process.argv[2] ?? "/tmp/eval-quick/index";
const N = Number(process.argv[3] ?? 12);
const store = openIndexStore(dir);
const gen = await store.openLive();
const db = new Database(`${gen.dir}/docstore.sqlite`, { readonly: true });
db.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'chunk_terms', 'row')");
const dfQ = db.prepare("SELECT doc FROM temp.vocab WHERE term = ?");
const total = gen.manifest.chunkCount;
const idfCache = new Map<string, number>();
const idf = (t: string) => { let v = idfCache.get(t); if (v === undefined) { const r = dfQ.get(t) as {doc:number}|undefined; v = Math.log(1 + total / (1 + (r?.doc ?? 0))); idfCache.set(t, v);} return v; };
const cw = (t: string) => ` ${tokenize(normaliseForSearch(t)).join(" ")} `;
const emb = createLocalHashedEmbedder({ dims: 384 });
const CAND = 100;
const sentCache = new Map<number, Set<string>[]>();
const data: any[] = [];
for (const lang of ["en", "ru"] as const) {
  const arts = loadXquad(`/work/shared/corpus/qa/xquad/xquad.${lang}.json`).slice(0, N);
  const qs = xquadQuestions(lang, arts, arts.map((a, i) => `xquad-${lang}/${articleFileName(i, a.title)}`));
  for (const q of qs) {
    const vector = await emb.embedQuery(q.question);
    const qterms = [...new Set(keywordTerms(q.question))];
    const totalIdf = qterms.reduce((s, t) => s + idf(t), 0) || 1;
    const kw = gen.keywordCandidates(qterms, CAND);
    const vec = gen.vectorCandidates(vector, CAND);
    const labels = [...new Set([...kw.map((h) => h.label), ...vec.map((h) => h.label)])];
    const cos = gen.similarities(vector, labels);
    const chunks = gen.chunksByLabel(labels);
    const kwMap = new Map(kw.map((h) => [h.label, h.score]));
    const exp = cw(q.expected);
    data.push({ lang, feats: labels.map((label) => {
      const c = chunks.get(label)!;
      let sents = sentCache.get(label);
      if (!sents) { sents = splitSentences(c.text, detectLanguage(c.text)).map((s) => new Set(keywordTerms(s))); sentCache.set(label, sents); }
      const cov = (set: Set<string>) => qterms.reduce((s, t) => s + (set.has(t) ? idf(t) : 0), 0) / totalIdf;
      let cov1 = 0, cov2 = 0; const all = new Set<string>();
      sents.forEach((s, i) => { cov1 = Math.max(cov1, cov(s)); const nx = sents![i+1]; if (nx) cov2 = Math.max(cov2, cov(new Set([...s, ...nx]))); for (const t of s) all.add(t); });
      cov2 = Math.max(cov2, cov1);
      const seq = keywordTerms(c.text); const qset = new Set(qterms);
      const win = (W: number) => { const cnt = new Map<string, number>(); let best = 0; let cur = 0;
        for (let i = 0; i < seq.length; i++) { const t = seq[i]!; if (qset.has(t)) { const n = (cnt.get(t) ?? 0) + 1; cnt.set(t, n); if (n === 1) cur += idf(t); }
          if (i >= W) { const o = seq[i - W]!; if (qset.has(o)) { const n = cnt.get(o)! - 1; cnt.set(o, n); if (n === 0) cur -= idf(o); } }
          best = Math.max(best, cur); } return best / totalIdf; };
      return { w10: win(10), w20: win(20), w40: win(40), label, kw: kwMap.get(label) ?? 0, cos: cos.get(label) ?? 0, cov1, cov2, covAll: cov(all), hit: c.file === q.file && cw(c.text).includes(exp), book: c.bookId };
    })});
  }
}
writeFileSync("/tmp/exp/feats.json", JSON.stringify(data));
console.log("questions", data.length);
