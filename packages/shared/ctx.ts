import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
const dir = "/tmp/eval-quick/index";
const live = readFileSync(`${dir}/LIVE`, "utf8").trim();
const db = new Database(`${dir}/generations/${live}/docstore.sqlite`, { readonly: true });
const [file, ...patterns] = process.argv.slice(2);
for (const pattern of patterns) {
  const rows = db.prepare("SELECT c.page, c.chapter, c.text FROM chunks c JOIN books b USING(book_id) WHERE b.file LIKE ? AND c.text LIKE ? LIMIT 2").all(`%${file}%`, `%${pattern}%`) as any[];
  console.log(`## ${pattern}: ${rows.length ? "" : "NOT FOUND"}`);
  for (const r of rows) { const i = r.text.indexOf(pattern); console.log(`  p${r.page} ${r.chapter ?? ""}: …${r.text.slice(Math.max(0, i - 150), i + 200).replace(/\s+/g, " ")}…`); }
}
