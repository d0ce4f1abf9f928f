// What a generation's keyword index answers (KeywordIndex), and the index as generations kept it
// before keywords.bin (postings-index.ts): an SQLite FTS5 table inside the docstore, rowid =
// FAISS label, holding each chunk's pre-stemmed terms (keyword-terms.ts) and, in a second column,
// the terms of its book title, chapter and section, ranked by FTS5's BM25 with the heading
// weighted lower. Headings let "the snake in the Speckled Band" prefer chunks of that story.
// Such generations are still served until the next ingest rebuilds them; that rebuild is never
// derived, so the table is only ever written whole. Contentless (content=''): the chunk text
// already lives in `chunks`. The `ascii` tokenizer splits on ASCII spaces and punctuation only,
// so the terms we computed (any script) reach the index unchanged.
import type Database from "better-sqlite3";
import { memoizeByKey } from "../../text/memoize-by-key.js";
import {
  HEADING_WEIGHT,
  inverseDocumentFrequency,
  isCommonTerm,
  type QueryTerm,
  queryPhrases,
} from "./keyword-query.js";
import { keywordTerms } from "./keyword-terms.js";
import { closestKnownTerm, type VocabularyLookup } from "./spelling-variants.js";

export const KEYWORD_TABLE = "chunk_terms";

export const KEYWORD_SCHEMA = `CREATE VIRTUAL TABLE ${KEYWORD_TABLE} USING fts5(terms, heading, content='', tokenize='ascii');`;

/** Consecutive labels: one book's chunks. */
export interface LabelRange {
  firstLabel: number;
  chunkCount: number;
}

/** A chunk found by keyword or vector search, before it is turned into a passage. */
export interface ScoredLabel {
  label: number;
  /** Higher is better: −bm25 for keyword hits, cosine similarity for vector hits. */
  score: number;
}

export interface KeywordIndex {
  /** Chunks holding any of the terms, best BM25 first; only labels inside `within`, when given. */
  search(terms: readonly string[], limit: number, within?: readonly LabelRange[]): ScoredLabel[];
  /** How many chunks in the range hold the term in their text (not only in their heading). */
  textChunksWithin(term: string, range: LabelRange): number;
  /** BM25's inverse document frequency of a term (high for rare terms, 0 for absent ones). */
  inverseDocumentFrequency(term: string): number;
  /** The terms, each one the library lacks replaced by its closest library term (spelling-variants.ts). */
  knownTerms(terms: readonly string[]): string[];
  /** Whether some chunk's text holds the term and it is not too common to search for (isCommonTerm). */
  isSearchable(term: string): boolean;
}

/** The heading a chunk is indexed under: its book's title, its chapter and its section, if any. */
export function headingOf(title: string, chapter: string | undefined, section?: string): string {
  return [title, chapter, section].filter((part) => part).join("\n");
}

/** Adds a chunk's row to the FTS5 table (generations as written before keywords.bin). */
export type KeywordInserter = (label: number, text: string, heading: string) => void;

export function createKeywordInserter(db: Database.Database): KeywordInserter {
  const insert = db.prepare(`INSERT INTO ${KEYWORD_TABLE}(rowid, terms, heading) VALUES (?, ?, ?)`);
  // Consecutive chunks share a heading: stem it once per change, not once per chunk.
  let lastHeading = "";
  let lastTerms = "";
  return (label, text, heading) => {
    if (heading !== lastHeading) {
      lastHeading = heading;
      lastTerms = keywordTerms(heading).join(" ");
    }
    insert.run(label, keywordTerms(text).join(" "), lastTerms);
  };
}

export function hasKeywordTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(KEYWORD_TABLE) !== undefined;
}

/** An FTS5 query matching any of the phrases; terms are letters and digits only, quoted all the same. */
function anyTermQuery(terms: readonly QueryTerm[], chunkCount: number): string | undefined {
  const phrases = queryPhrases(terms, chunkCount).map(
    (phrase) => `"${phrase.text.replace(/"/g, '""')}"${phrase.prefix ? "*" : ""}`,
  );
  return phrases.length === 0 ? undefined : phrases.join(" OR ");
}

/** Terms a generation's answers are remembered for; questions use a few thousand distinct ones. */
const REMEMBERED_TERMS = 20_000;

export function openKeywordIndex(db: Database.Database, chunkCount: number): KeywordIndex {
  const searchSql = (ranges: number) =>
    `SELECT rowid AS label, -bm25(${KEYWORD_TABLE}, 1, ${HEADING_WEIGHT}) AS score FROM ${KEYWORD_TABLE} ` +
    `WHERE ${KEYWORD_TABLE} MATCH ?` +
    (ranges > 0 ? ` AND (${Array.from({ length: ranges }, () => "rowid BETWEEN ? AND ?").join(" OR ")})` : "") +
    ` ORDER BY bm25(${KEYWORD_TABLE}, 1, ${HEADING_WEIGHT}) LIMIT ?`;
  const search = db.prepare(searchSql(0));
  // A search kept to named books (retrieval/named-books.ts) is rare; its statements, one per
  // number of books, are prepared when first needed.
  const searchWithin = memoizeByKey(16, (ranges: string) => db.prepare(searchSql(Number(ranges))));
  // fts5vocab exposes document frequencies; it lives in the connection's TEMP schema, which
  // is writable even though the docstore is opened read-only.
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.keyword_vocab USING fts5vocab(main, '${KEYWORD_TABLE}', 'col')`);
  const frequency = db.prepare("SELECT doc FROM temp.keyword_vocab WHERE term = ? AND col = 'terms'").pluck();
  const anywhere = db.prepare("SELECT 1 FROM temp.keyword_vocab WHERE term = ? LIMIT 1").pluck();
  // fts5vocab counts a term's chunks by reading its whole posting list, and a question asks for
  // each term three times (known? how common? how rare for weighting?), which adds up in a large
  // library. A generation never changes, so what it said once holds for every later question.
  const chunksWith = memoizeByKey(REMEMBERED_TERMS, (term) => (frequency.get(term) as number | undefined) ?? 0);
  // Most known terms are in chunk texts, so the count asked for anyway answers; headings need the vocabulary.
  const isKnown = memoizeByKey(REMEMBERED_TERMS, (term) => chunksWith(term) > 0 || anywhere.get(term) !== undefined);
  // Candidates for a misspelt term: fts5vocab walks only the terms that share its first letter
  // (counting each one's chunks as it goes), so only unknown terms get here.
  const termsBetween = db.prepare(
    "SELECT term, doc AS chunks FROM temp.keyword_vocab WHERE term >= ? AND term < ? AND col = 'terms' " +
      "AND length(term) BETWEEN ? AND ?",
  );
  const vocabulary: VocabularyLookup = (first, lengths) => {
    const next = String.fromCodePoint((first.codePointAt(0) ?? 0) + 1);
    return termsBetween.all(first, next, lengths.min, lengths.max) as { term: string; chunks: number }[];
  };
  const countInText = db
    .prepare(`SELECT count(*) FROM ${KEYWORD_TABLE} WHERE ${KEYWORD_TABLE} MATCH ? AND rowid BETWEEN ? AND ?`)
    .pluck();
  return {
    textChunksWithin(term, range) {
      const query = `terms : "${term.replace(/"/g, '""')}"`;
      return countInText.get(query, range.firstLabel, range.firstLabel + range.chunkCount - 1) as number;
    },
    search(terms, limit, within) {
      const query = anyTermQuery(
        terms.map((term) => ({ term, chunks: chunksWith(term) })),
        chunkCount,
      );
      if (!query || limit <= 0) return [];
      if (!within) return search.all(query, limit) as ScoredLabel[];
      if (within.length === 0) return [];
      const bounds = within.flatMap((range) => [range.firstLabel, range.firstLabel + range.chunkCount - 1]);
      return searchWithin(String(within.length)).all(query, ...bounds, limit) as ScoredLabel[];
    },
    inverseDocumentFrequency(term) {
      return inverseDocumentFrequency(chunksWith(term), chunkCount);
    },
    knownTerms: (terms) => terms.map((term) => (isKnown(term) ? term : (closestKnownTerm(term, vocabulary) ?? term))),
    isSearchable(term) {
      const chunks = chunksWith(term);
      return chunks > 0 && !isCommonTerm(chunks, chunkCount);
    },
  };
}
