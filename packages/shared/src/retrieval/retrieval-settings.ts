// How passages are found: hybrid (keyword + vector candidates scored together), or one list
// alone, with the candidate counts and weights from config. Defaults live in the config schema and
// were chosen with `pnpm eval` (see docs/retrieval.md), not guessed.
import { type AppConfig, envSchema } from "../config/schema.js";
import type { ExpansionSettings } from "./expansion/expand-keyword-hits.js";

export type RetrievalMode = "hybrid" | "vector" | "keyword";

/** Expansion fields (expansion/expand-keyword-hits.ts): RM3 feedback and thesaurus synonyms, both 0 = off. */
export interface RetrievalSettings extends ExpansionSettings {
  mode: RetrievalMode;
  /** Nearest chunks taken from FAISS as candidates. */
  vectorCandidates: number;
  /** Best BM25 chunks taken from the keyword index as candidates. */
  keywordCandidates: number;
  /** Weight of cosine similarity (relative to the best vector hit); BM25 relative to the best weighs 1. */
  vectorWeight: number;
  /** Weight of term proximity (share of the question's terms within one sentence-sized window). */
  proximityWeight: number;
  /** Weight of the question's ordered word pairs found side by side in the chunk ("ivory leg"). */
  phraseWeight: number;
  /** Weight of book-level evidence: the other good candidates in the chunk's book. */
  bookWeight: number;
  /** Weight of the better neighbouring chunk's score (answers that run past a chunk's end). */
  neighbourWeight: number;
  /** Most consecutive chunks found together that are merged into one passage (1 = no merging). */
  passageChunks: number;
  /** Most characters borrowed from a neighbouring chunk to finish a cut sentence (0 = off). */
  expandChars: number;
}

/**
 * Second-pass weights chosen with `pnpm eval --sweep` (docs/retrieval.md). Not environment
 * variables (yet): the sweep varies them through RetrievalSettings.
 */
const PHRASE_WEIGHT = 0.5;
const BOOK_WEIGHT = 0.3;
const NEIGHBOUR_WEIGHT = 0.2;
/** RM3's feedback documents and terms: Anserini's defaults (fbDocs = fbTerms = 10). */
const RM3_DOCS = 10;
const RM3_TERMS = 10;
/**
 * Thesaurus synonyms are off: `pnpm eval` showed them trading XQuAD hits for as many misses
 * (docs/retrieval.md). The "hybrid + thesaurus" row of `pnpm eval` measures them; a caller that
 * wants them sets thesaurusWeight and passes a thesaurus (loadThesaurus) to the retriever.
 */
const THESAURUS_WEIGHT = 0;

export function retrievalSettingsFromConfig(config: AppConfig): RetrievalSettings {
  return {
    mode: config.RETRIEVAL_MODE,
    vectorCandidates: config.RETRIEVAL_VECTOR_CANDIDATES,
    keywordCandidates: config.RETRIEVAL_KEYWORD_CANDIDATES,
    vectorWeight: config.RETRIEVAL_VECTOR_WEIGHT,
    proximityWeight: config.RETRIEVAL_PROXIMITY_WEIGHT,
    phraseWeight: PHRASE_WEIGHT,
    bookWeight: BOOK_WEIGHT,
    neighbourWeight: NEIGHBOUR_WEIGHT,
    passageChunks: config.RETRIEVAL_PASSAGE_CHUNKS,
    expandChars: config.RETRIEVAL_EXPAND_CHARS,
    rm3Weight: config.RETRIEVAL_RM3_WEIGHT,
    rm3Docs: RM3_DOCS,
    rm3Terms: RM3_TERMS,
    thesaurusWeight: THESAURUS_WEIGHT,
  };
}

/** The settings of an unconfigured process: the schema's defaults. */
export const DEFAULT_RETRIEVAL_SETTINGS: Readonly<RetrievalSettings> = Object.freeze(
  retrievalSettingsFromConfig(envSchema.parse({})),
);
