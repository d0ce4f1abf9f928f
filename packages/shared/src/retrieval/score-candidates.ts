// Hybrid scoring of the candidate chunks both lists brought: a weighted sum of
// BM25 (relative to the best keyword hit), cosine similarity (relative to the best vector hit),
// term proximity (the best window's share of the question's term weight) and ordered word
// pairs of the question found side by side (book and neighbour evidence: book-evidence.ts). Scores, not
// ranks, are combined: a keyword hit far ahead of the rest stays ahead, which rank fusion
// (tried first, see docs/retrieval.md) could not keep. Weights come from `pnpm eval --sweep`.
import type { Chunk } from "../chunking/types.js";
import { headingOf, type ScoredLabel } from "../index/keyword/keyword-index.js";
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import { looksLikeContents } from "./looks-like-contents.js";
import { bestWindowCoverage, orderedPairCoverage } from "./term-proximity.js";

export interface CandidateSignals {
  keyword: readonly ScoredLabel[];
  vector: readonly ScoredLabel[];
  /** Cosine similarity of every candidate (vector hits and keyword hits alike). */
  cosine: Map<number, number>;
}

export interface HybridWeights {
  vectorWeight: number;
  proximityWeight: number;
  phraseWeight: number;
}

/** Terms per proximity window: about one long sentence. */
const PROXIMITY_WINDOW = 40;
/**
 * Only this many leading candidates are read for proximity and word pairs; the rest cannot
 * catch up (`pnpm eval`: reading 50 changed no question's rank).
 */
export const PROXIMITY_POOL = 20;

const maxOf = (values: Iterable<number>) => Math.max(Number.MIN_VALUE, ...values);

/** Keyword BM25 and cosine, each relative to its list's best, weighted; best first. */
export function firstPassScores(signals: CandidateSignals, weights: HybridWeights): ScoredLabel[] {
  const bestKeyword = maxOf(signals.keyword.map((hit) => hit.score));
  const bestCosine = maxOf(signals.cosine.values());
  const scores = new Map<number, number>();
  for (const hit of signals.keyword) scores.set(hit.label, hit.score / bestKeyword);
  for (const hit of signals.vector) scores.set(hit.label, scores.get(hit.label) ?? 0);
  return [...scores]
    .map(([label, keyword]) => ({
      label,
      score: keyword + (weights.vectorWeight * Math.max(0, signals.cosine.get(label) ?? 0)) / bestCosine,
    }))
    .sort((a, b) => b.score - a.score);
}

/** A table of contents lists every heading's words and answers nothing: it keeps this share of its score. */
const CONTENTS_SCORE_SHARE = 0.5;

export interface QuestionTerms {
  /** The question's terms in order (keywordTerms). */
  terms: readonly string[];
  /** Each term's BM25 IDF. */
  weights: Map<string, number>;
  /** Synonyms of the terms (thesaurus, when on) with the lesser weight they count for in proximity. */
  synonymWeights?: ReadonlyMap<string, number>;
}

/**
 * Second pass over the leading candidates, whose chunks are given: adds term proximity and
 * ordered word pairs, and demotes table-of-contents pages. Candidates past the pool keep
 * their first-pass score.
 */
export function withProximity(
  firstPass: readonly ScoredLabel[],
  chunks: Map<number, Chunk>,
  question: QuestionTerms,
  weights: Omit<HybridWeights, "vectorWeight">,
): ScoredLabel[] {
  const { proximityWeight, phraseWeight } = weights;
  return firstPass
    .map((hit, index) => {
      const chunk = index < PROXIMITY_POOL ? chunks.get(hit.label) : undefined;
      if (chunk === undefined) return hit;
      const heading = new Set(keywordTerms(headingOf(chunk.title, chunk.chapter, chunk.section)));
      const terms = keywordTerms(chunk.text);
      const coverage =
        proximityWeight > 0
          ? bestWindowCoverage(terms, question.weights, PROXIMITY_WINDOW, heading, question.synonymWeights)
          : 0;
      const pairs = phraseWeight > 0 ? orderedPairCoverage(terms, question.terms, question.weights) : 0;
      const score = hit.score + proximityWeight * coverage + phraseWeight * pairs;
      return { label: hit.label, score: looksLikeContents(chunk.text) ? score * CONTENTS_SCORE_SHARE : score };
    })
    .sort((a, b) => b.score - a.score);
}
