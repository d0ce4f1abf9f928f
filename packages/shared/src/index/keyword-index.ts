// The keyword index of a generation: an SQLite FTS5 table inside the docstore, rowid = FAISS
// label, holding each chunk's pre-stemmed terms (keyword-terms.ts) and ranked by FTS5's BM25.
// Contentless (content=''): the chunk text already lives in `chunks`, only the inverted index
// is stored. The `ascii` tokenizer splits on ASCII spaces and punctuation only, so the terms
// we computed (any script) reach the index unchanged.
import type Database from "better-sqlite3";
import { keywordTerms } from "./keyword-terms.js";

export const KEYWORD_TABLE = "chunk_terms";

export const KEYWORD_SCHEMA = `CREATE VIRTUAL TABLE ${KEYWORD_TABLE} USING fts5(terms, content='', tokenize='ascii');`;

/** A chunk found by keyword or vector search, before it is turned into a passage. */
export interface ScoredLabel {
  label: number;
  /** Higher is better: −bm25 for keyword hits, cosine similarity for vector hits. */
  score: number;
}

export function createKeywordInserter(db: Database.Database): (label: number, text: string) => void {
  const insert = db.prepare(`INSERT INTO ${KEYWORD_TABLE}(rowid, terms) VALUES (?, ?)`);
  return (label, text) => {
    insert.run(label, keywordTerms(text).join(" "));
  };
}

export function hasKeywordTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(KEYWORD_TABLE) !== undefined;
}

/** An FTS5 query matching any of the terms; terms are letters and digits only, quoted all the same. */
export function anyTermQuery(terms: readonly string[]): string | undefined {
  const distinct = [...new Set(terms)];
  if (distinct.length === 0) return undefined;
  return distinct.map((term) => `"${term.replace(/"/g, '""')}"`).join(" OR ");
}

export type KeywordSearch = (question: string, limit: number) => ScoredLabel[];

export function createKeywordSearch(db: Database.Database): KeywordSearch {
  const statement = db.prepare(
    `SELECT rowid AS label, -bm25(${KEYWORD_TABLE}) AS score FROM ${KEYWORD_TABLE} WHERE ${KEYWORD_TABLE} MATCH ? ORDER BY bm25(${KEYWORD_TABLE}) LIMIT ?`,
  );
  return (question, limit) => {
    const query = anyTermQuery(keywordTerms(question));
    if (!query || limit <= 0) return [];
    return statement.all(query, limit) as ScoredLabel[];
  };
}
