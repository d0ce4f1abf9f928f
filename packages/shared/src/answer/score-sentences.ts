// Scores sentences against a question: the IDF-weighted share of the question's terms a
// sentence contains ("coverage", 0..1), plus a small bonus from the passage's similarity.
// Rare question words (names, dates) weigh more than words found in every sentence.
import type { Passage } from "../retrieval/types.js";
import { PREFIX_LENGTH, type SentenceCandidate } from "./sentence-candidates.js";

/** Credit for a term that only shares its first PREFIX_LENGTH letters (вулкан… / вулканолог…). */
const PREFIX_CREDIT = 0.5;
/** How much the retrieval similarity adds to a sentence's score (it only breaks near-ties). */
const PASSAGE_SCORE_WEIGHT = 0.15;

export interface ScoredSentence extends SentenceCandidate {
  coverage: number;
  score: number;
}

function inverseDocumentFrequencies(questionTerms: string[], candidates: SentenceCandidate[]): Map<string, number> {
  const total = candidates.length;
  const weights = new Map<string, number>();
  for (const term of questionTerms) {
    const df = candidates.filter((candidate) => candidate.terms.has(term)).length;
    weights.set(term, Math.log(1 + total / (1 + df)));
  }
  return weights;
}

function matchCredit(term: string, candidate: SentenceCandidate): number {
  if (candidate.terms.has(term)) return 1;
  if (term.length >= PREFIX_LENGTH && candidate.prefixes.has(term.slice(0, PREFIX_LENGTH))) return PREFIX_CREDIT;
  return 0;
}

/** Sentences ranked best first. `questionTerms` must be distinct. */
export function scoreSentences(
  questionTerms: string[],
  candidates: SentenceCandidate[],
  passages: readonly Passage[],
): ScoredSentence[] {
  const idf = inverseDocumentFrequencies(questionTerms, candidates);
  const totalWeight = [...idf.values()].reduce((sum, weight) => sum + weight, 0);
  if (totalWeight === 0) return [];
  return candidates
    .map((candidate) => {
      let matched = 0;
      for (const term of questionTerms) matched += (idf.get(term) ?? 0) * matchCredit(term, candidate);
      const coverage = matched / totalWeight;
      const similarity = Math.max(0, Math.min(1, passages[candidate.passageIndex]?.score ?? 0));
      return { ...candidate, coverage, score: coverage + PASSAGE_SCORE_WEIGHT * similarity };
    })
    .sort((a, b) => b.score - a.score);
}
