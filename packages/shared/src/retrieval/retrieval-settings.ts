// How passages are found: hybrid (keyword + vector lists fused), or one of them alone, with
// the candidate counts and fusion weight from config. Defaults live in the config schema and
// were chosen with `pnpm eval` (see docs/retrieval.md), not guessed.
import { type AppConfig, envSchema } from "../config/schema.js";

export type RetrievalMode = "hybrid" | "vector" | "keyword";

export interface RetrievalSettings {
  mode: RetrievalMode;
  /** Nearest chunks taken from FAISS into the fusion. */
  vectorCandidates: number;
  /** Best BM25 chunks taken from the keyword index into the fusion. */
  keywordCandidates: number;
  /** Weight of the keyword list in reciprocal rank fusion; the vector list weighs 1. */
  keywordWeight: number;
  /** The k of reciprocal rank fusion: larger flattens the advantage of the very top ranks. */
  rrfK: number;
  /** Most consecutive chunks found together that are merged into one passage (1 = no merging). */
  passageChunks: number;
  /** Most characters borrowed from a neighbouring chunk to finish a cut sentence (0 = off). */
  expandChars: number;
}

export function retrievalSettingsFromConfig(config: AppConfig): RetrievalSettings {
  return {
    mode: config.RETRIEVAL_MODE,
    vectorCandidates: config.RETRIEVAL_VECTOR_CANDIDATES,
    keywordCandidates: config.RETRIEVAL_KEYWORD_CANDIDATES,
    keywordWeight: config.RETRIEVAL_KEYWORD_WEIGHT,
    rrfK: config.RETRIEVAL_RRF_K,
    passageChunks: config.RETRIEVAL_PASSAGE_CHUNKS,
    expandChars: config.RETRIEVAL_EXPAND_CHARS,
  };
}

/** The settings of an unconfigured process: the schema's defaults. */
export const DEFAULT_RETRIEVAL_SETTINGS: Readonly<RetrievalSettings> = Object.freeze(
  retrievalSettingsFromConfig(envSchema.parse({})),
);
