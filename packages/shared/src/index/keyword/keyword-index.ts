// The keyword index of a generation: an SQLite FTS5 table inside the docstore, rowid = FAISS
// label, holding each chunk's pre-stemmed terms (keyword-terms.ts) and, in a second column,
// the terms of its book title, chapter and section, ranked by FTS5's BM25 with the heading weighted
// lower. Headings let "the snake in the Speckled Band" prefer chunks of that story.
// Contentless (content=''): the chunk text already lives in `chunks`, only the inverted index
// is stored. A derived generation deletes a removed book's rows with FTS5's 'delete' command and
// the terms recomputed from the chunk text: exact, where contentless_delete=1 left BM25's
// statistics counting the deleted rows (scores drifted from a full build's). The `ascii` tokenizer splits on ASCII spaces and punctuation only, so the terms
// we computed (any script) reach the index unchanged.
import type Database from "better-sqlite3";
import { memoizeByKey } from "../../text/memoize-by-key.js";
import { keywordTerms } from "./keyword-terms.js";
import { closestKnownTerm, type VocabularyLookup } from "./spelling-variants.js";

export const KEYWORD_TABLE = "chunk_terms";

export const KEYWORD_SCHEMA = `CREATE VIRTUAL TABLE ${KEYWORD_TABLE} USING fts5(terms, heading, content='', tokenize='ascii');`;

/** BM25 weight of a heading match relative to a match in the chunk's own text. */
const HEADING_WEIGHT = 0.3;

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

/** Adds a chunk's row; `terms` are its text's keywordTerms joined by spaces when the book job computed them. */
export type KeywordInserter = (label: number, text: string, heading: string, terms?: string) => void;

export function createKeywordInserter(db: Database.Database): KeywordInserter {
  const insert = db.prepare(`INSERT INTO ${KEYWORD_TABLE}(rowid, terms, heading) VALUES (?, ?, ?)`);
  // Consecutive chunks share a heading: stem it once per change, not once per chunk.
  let lastHeading = "";
  let lastTerms = "";
  return (label, text, heading, terms) => {
    if (heading !== lastHeading) {
      lastHeading = heading;
      lastTerms = keywordTerms(heading).join(" ");
    }
    insert.run(label, terms ?? keywordTerms(text).join(" "), lastTerms);
  };
}

/**
 * Removes a chunk's row: FTS5 needs the terms it was indexed under to unindex them, and
 * recomputes them here from the same text and heading (same recipe: generation-base.ts checks).
 */
export function createKeywordRemover(db: Database.Database): (label: number, text: string, heading: string) => void {
  const remove = db.prepare(
    `INSERT INTO ${KEYWORD_TABLE}(${KEYWORD_TABLE}, rowid, terms, heading) VALUES ('delete', ?, ?, ?)`,
  );
  let lastHeading = "";
  let lastTerms = "";
  return (label, text, heading) => {
    if (heading !== lastHeading) {
      lastHeading = heading;
      lastTerms = keywordTerms(heading).join(" ");
    }
    remove.run(label, keywordTerms(text).join(" "), lastTerms);
  };
}

export function hasKeywordTable(db: Database.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(KEYWORD_TABLE) !== undefined;
}

/** Russian stems at least this long are also matched by prefix (see anyTermQuery). */
const MIN_PREFIX_STEM = 5;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A term in more than this share of chunks (and more than MIN_COMMON_CHUNKS of them) is left
 * out of the query: its BM25 weight is small, and its long posting list is most of the cost of
 * a search in a big library. If every term is that common, the rarest ones are kept.
 */
const COMMON_TERM_SHARE = 0.1;
const MIN_COMMON_CHUNKS = 200;
const KEEP_WHEN_ALL_COMMON = 3;
/** The prefix variant is added only for terms this rare: a common prefix matches half the vocabulary. */
const PREFIX_TERM_SHARE = 0.01;
const MIN_PREFIX_CHUNKS = 50;

/** Whether a term held by `chunks` of `chunkCount` chunks is too common to be worth searching for. */
function isCommonTerm(chunks: number, chunkCount: number): boolean {
  return chunks > Math.max(COMMON_TERM_SHARE * chunkCount, MIN_COMMON_CHUNKS);
}

interface QueryTerm {
  term: string;
  /** Chunks holding the term (document frequency). */
  chunks: number;
}

/**
 * An FTS5 query matching any of the terms. Snowball leaves Russian stems apart where the
 * word changes inside (кубок/кубка → «кубок»/«кубк», порох/пороховой), so a long, rare Russian
 * stem is also matched by its prefix two letters shorter; BM25 counts that match as a separate,
 * weaker phrase. Terms are letters and digits only, quoted all the same.
 */
function anyTermQuery(terms: readonly QueryTerm[], chunkCount: number): string | undefined {
  const distinct = [...new Map(terms.map((entry) => [entry.term, entry])).values()];
  const useful = distinct.filter((entry) => !isCommonTerm(entry.chunks, chunkCount));
  const kept =
    useful.length > 0 ? useful : [...distinct].sort((a, b) => a.chunks - b.chunks).slice(0, KEEP_WHEN_ALL_COMMON);
  const rare = Math.max(PREFIX_TERM_SHARE * chunkCount, MIN_PREFIX_CHUNKS);
  const phrases = new Set<string>();
  for (const { term, chunks } of kept) {
    phrases.add(`"${term.replace(/"/g, '""')}"`);
    if (term.length >= MIN_PREFIX_STEM && CYRILLIC.test(term) && chunks <= rare) {
      phrases.add(`"${term.slice(0, Math.max(MIN_PREFIX_STEM, term.length - 2))}"*`);
    }
  }
  return phrases.size === 0 ? undefined : [...phrases].join(" OR ");
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
      const df = chunksWith(term);
      return df === 0 ? 0 : Math.log(1 + (chunkCount - df + 0.5) / (df + 0.5));
    },
    knownTerms: (terms) => terms.map((term) => (isKnown(term) ? term : (closestKnownTerm(term, vocabulary) ?? term))),
    isSearchable(term) {
      const chunks = chunksWith(term);
      return chunks > 0 && !isCommonTerm(chunks, chunkCount);
    },
  };
}
