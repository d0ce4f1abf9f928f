import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
const dir = "/tmp/eval-quick/index";
const live = readFileSync(`${dir}/LIVE`, "utf8").trim();
const db = new Database(`${dir}/generations/${live}/docstore.sqlite`, { readonly: true });
const [file, pattern, limit] = process.argv.slice(2);
const rows = db.prepare("SELECT c.label, c.page, c.chapter, c.text FROM chunks c JOIN books b USING(book_id) WHERE b.file LIKE ? AND c.text LIKE ? LIMIT ?").all(`%${file}%`, `%${pattern}%`, Number(limit ?? 5)) as any[];
for (const r of rows) console.log(`--- #${r.label} p${r.page} ${r.chapter ?? ""}\n${r.text.replace(/\n/g, " ").slice(0, 700)}`);
