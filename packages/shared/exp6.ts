import Database from "better-sqlite3";
import { openIndexStore, keywordTerms } from "./src/index/index.js";
import { normaliseForSearch, tokenize } from "./src/text/index.js";
import { loadXquad } from "../eval/src/xquad/load-xquad.js";
import { xquadQuestions } from "../eval/src/questions/xquad-questions.js";
import { articleFileName } from "../eval/src/xquad/render-article.js";
const store = openIndexStore("/tmp/eval-quick/index");
const gen = await store.openLive();
const db = new Database(`${gen.dir}/docstore.sqlite`, { readonly: true });
const st = db.prepare("SELECT rowid AS label, -bm25(chunk_terms) AS score FROM chunk_terms WHERE chunk_terms MATCH ? ORDER BY bm25(chunk_terms) LIMIT 50");
const cw = (t: string) => ` ${tokenize(normaliseForSearch(t)).join(" ")} `;
const variants: Record<string, (t: string) => string[]> = {
  exact: (t) => [`"${t}"`],
  pre2: (t) => t.length >= 6 ? [`"${t}"`, `"${t.slice(0, Math.max(5, t.length - 2))}"*`] : [`"${t}"`],
  pre2ru: (t) => /[а-я]/.test(t) && t.length >= 6 ? [`"${t}"`, `"${t.slice(0, Math.max(5, t.length - 2))}"*`] : [`"${t}"`],
  pre1ru: (t) => /[а-я]/.test(t) && t.length >= 5 ? [`"${t}"`, `"${t.slice(0, Math.max(5, t.length - 1))}"*`] : [`"${t}"`],
  pre2ru5: (t) => /[а-я]/.test(t) && t.length >= 5 ? [`"${t}"`, `"${t.slice(0, Math.max(5, t.length - 2))}"*`] : [`"${t}"`],
};
for (const [name, fn] of Object.entries(variants)) {
  const out: string[] = [];
  let ms = 0;
  for (const lang of ["en", "ru"] as const) {
    const arts = loadXquad(`/work/shared/corpus/qa/xquad/xquad.${lang}.json`).slice(0, 12);
    const qs = xquadQuestions(lang, arts, arts.map((a, i) => `xquad-${lang}/${articleFileName(i, a.title)}`));
    let r1 = 0, r5 = 0;
    for (const q of qs) {
      const terms = [...new Set(keywordTerms(q.question))];
      if (!terms.length) continue;
      const t0 = performance.now();
      const hits = st.all(terms.flatMap(fn).join(" OR "), ) as { label: number; score: number }[];
      ms += performance.now() - t0;
      const chunks = gen.chunksByLabel(hits.slice(0, 5).map((h) => h.label));
      const exp = cw(q.expected);
      const r = hits.slice(0, 5).findIndex((h) => { const c = chunks.get(h.label)!; return c.file === q.file && cw(c.text).includes(exp); });
      if (r === 0) r1++; if (r >= 0) r5++;
    }
    out.push(`${lang} R1 ${(r1 / qs.length).toFixed(3)} R5 ${(r5 / qs.length).toFixed(3)}`);
  }
  console.log(name.padEnd(10), out.join("  "), `${(ms / 644).toFixed(2)} ms/q`);
}
