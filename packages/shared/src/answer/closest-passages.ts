// Which passages are relevant when no single sentence answers: a passage counts when, taken
// as a whole, it holds at least half of the question's weighted terms (the topic is there,
// spread over several sentences or phrased differently). Passages that share a word or two
// with the question are not relevant; then the library has no answer.
import type { QuestionShape } from "./question-shape.js";
import { matchCredit, type ScoredSentence, termWeights } from "./score-sentences.js";
import type { SentenceCandidate } from "./sentence-candidates.js";

/** Share of the question's weighted terms a passage must hold to be shown as closest. */
const MIN_PASSAGE_COVERAGE = 0.5;
/** Closest passages shown at most. */
const MAX_CLOSEST = 3;

export interface RelevantPassage {
  passageIndex: number;
  coverage: number;
  /** The passage's best-scored sentence. */
  best: ScoredSentence;
}

/** `ranked` holds the sentences of passages similar enough to the question, best first. */
export function relevantPassages(
  questionTerms: string[],
  ranked: readonly ScoredSentence[],
  candidates: readonly SentenceCandidate[],
  shape: QuestionShape,
): RelevantPassage[] {
  const weights = termWeights(questionTerms, candidates, shape);
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return [];
  const bestOf = new Map<number, ScoredSentence>();
  const termsOf = new Map<number, { terms: Set<string>; prefixes: Set<string> }>();
  for (const sentence of ranked) {
    if (!bestOf.has(sentence.passageIndex)) bestOf.set(sentence.passageIndex, sentence);
    const union = termsOf.get(sentence.passageIndex) ?? { terms: new Set<string>(), prefixes: new Set<string>() };
    for (const term of sentence.terms) union.terms.add(term);
    for (const prefix of sentence.prefixes) union.prefixes.add(prefix);
    termsOf.set(sentence.passageIndex, union);
  }
  const relevant: RelevantPassage[] = [];
  for (const [passageIndex, union] of termsOf) {
    let matched = 0;
    for (const term of questionTerms) matched += (weights.get(term) ?? 0) * matchCredit(term, union);
    const coverage = matched / total;
    const best = bestOf.get(passageIndex);
    if (best && coverage >= MIN_PASSAGE_COVERAGE) relevant.push({ passageIndex, coverage, best });
  }
  return relevant.sort((a, b) => b.coverage - a.coverage || b.best.score - a.best.score).slice(0, MAX_CLOSEST);
}
