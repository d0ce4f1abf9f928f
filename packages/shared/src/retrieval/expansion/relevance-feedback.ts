// RM3 pseudo-relevance feedback, as Anserini does it (Rm3PseudoRelevanceFeedback; Lavrenko and
// Croft's relevance model, interpolated with the question as in Abdul-Jaleel et al., 2004):
// the best keyword hits are taken as relevant, the terms they use most, weighted by how well
// each hit matched, become extra query terms. A book that says "replicating" where the
// reader asked about "repeats" can be found when the first hits already use both words.
import type { WeightedQuery } from "./weighted-query.js";

/** A term of the relevance model with its probability P(t|R). */
export interface ModelTerm {
  term: string;
  weight: number;
}

export interface FeedbackDocument {
  /** The document's keyword terms (keywordTerms of its text), in order. */
  terms: readonly string[];
  /** Its BM25 score for the question (higher is better). */
  score: number;
}

export interface RelevanceFeedbackSettings {
  /** Feedback terms kept (Anserini's fbTerms, 10). */
  terms: number;
  /** Weight of the feedback terms against the question, 0–1 (Anserini: 1 − originalQueryWeight = 0.5). */
  weight: number;
}

/** Anserini's term filter: shorter or longer terms are debris (page furniture, URLs). */
const MIN_TERM_LENGTH = 2;
const MAX_TERM_LENGTH = 20;
/** Feedback candidates looked at per kept term before giving up (the usefulness check costs a lookup each). */
const CANDIDATES_PER_TERM = 3;

/**
 * The relevance model P(t|R) = Σ_d score(d) · tf(t, d) / |d| over the feedback documents,
 * normalised to sum 1, best first. Anserini drops terms in over 10 % of documents before
 * this sum; here `useful` (the keyword index's own "too common to search" test) is asked
 * only of the leading candidates, so a question costs a few lookups, not one per distinct term.
 */
export function relevanceModel(
  documents: readonly FeedbackDocument[],
  keep: number,
  useful: (term: string) => boolean,
): ModelTerm[] {
  const model = new Map<string, number>();
  for (const { terms, score } of documents) {
    const counted = terms.filter((term) => term.length >= MIN_TERM_LENGTH && term.length <= MAX_TERM_LENGTH);
    if (counted.length === 0 || score <= 0) continue;
    const share = score / counted.length;
    for (const term of counted) model.set(term, (model.get(term) ?? 0) + share);
  }
  const kept: ModelTerm[] = [];
  const ranked = [...model].sort((a, b) => b[1] - a[1]).slice(0, keep * CANDIDATES_PER_TERM);
  for (const [term, weight] of ranked) {
    if (kept.length >= keep) break;
    if (useful(term)) kept.push({ term, weight });
  }
  const total = kept.reduce((sum, entry) => sum + entry.weight, 0);
  return total > 0 ? kept.map((entry) => ({ term: entry.term, weight: entry.weight / total })) : [];
}

/**
 * The feedback terms as extra queries of one term each, weighted against one question term. RM3's query is (1 − λ) · question + λ · model, the question's distinct terms
 * weighing 1/n each, so a model term weighs λ / (1 − λ) · n · P(t|R) against one of them.
 * Question terms the model also picks are counted again: RM3 raises their weight the same way.
 */
export function feedbackQueryTerms(
  questionTerms: readonly string[],
  documents: readonly FeedbackDocument[],
  settings: RelevanceFeedbackSettings,
  useful: (term: string) => boolean,
): WeightedQuery[] {
  if (settings.weight <= 0 || settings.terms <= 0 || documents.length === 0) return [];
  const distinct = new Set(questionTerms).size;
  const scale = (settings.weight / (1 - settings.weight)) * Math.max(1, distinct);
  return relevanceModel(documents, settings.terms, useful).map(({ term, weight }) => ({
    terms: [term],
    weight: weight * scale,
  }));
}
