// Scores sentences against a question: the IDF-weighted share of the question's terms a
// sentence contains ("coverage", 0..1), plus a small bonus from the passage's similarity.
// Rare question words (names, dates) weigh more than words found in every sentence; words
// that only frame the question ("командой", "stand for") weigh a quarter (question-shape.ts).
// A how-to question prefers a sentence that introduces a command (or, asking "which command",
// names one in its text), a "what is" question one that defines its subject.
import type { Passage } from "../retrieval/types.js";
import { FRAME_TERM_WEIGHT } from "../text/question-frame-words.js";
import { searchTerms } from "../text/search-terms.js";
import type { PassageBlock } from "./passage-blocks.js";
import {
  definesSubject,
  namesInlineCommand,
  type QuestionShape,
  statesAmount,
  statesPurpose,
} from "./question-shape.js";
import { followOnBlocks, introducingSentence } from "./quote-follow-on.js";
import { PREFIX_LENGTH, type SentenceCandidate } from "./sentence-candidates.js";

/** Credit for a term that only shares its first PREFIX_LENGTH letters (вулкан… / вулканолог…). */
const PREFIX_CREDIT = 0.5;
/** How much the retrieval similarity adds to a sentence's score (it only breaks near-ties). */
const PASSAGE_SCORE_WEIGHT = 0.15;
/** Added to the coverage of a sentence of the shape the question asks for. */
const SHAPE_BONUS = 0.15;
/** Credit for a term found only in the heading right above the sentence. */
const HEADING_CREDIT = 0.75;
/**
 * Credit for a question term found only in the command a how-to sentence introduces: the quote
 * carries that command ("Для очистки древа исходного кода выполните:" / `$ debuild -- clean`).
 */
const INTRODUCED_CODE_CREDIT = 0.75;
/**
 * A sentence that is itself a question ("Что такое кандзи?" as a heading) rarely answers one;
 * nor does one that names no command answer "Which command…?".
 */
const QUESTION_SENTENCE_FACTOR = 0.5;
/** Nor does a pointer elsewhere: "Смотрите http://…, pbuilder(8).", "See Section 5.3.2". */
const POINTER_SENTENCE = /^(?:см\.|смотрите|подробнее см|see|for (?:more|further) (?:details|information),? see)\s/iu;

export interface ScoredSentence extends SentenceCandidate {
  coverage: number;
  score: number;
}

export interface ScoringContext {
  shape: QuestionShape;
  blocksOf: readonly (readonly PassageBlock[])[];
}

/** IDF of each question term over the candidate sentences, framing terms scaled down. */
export function termWeights(
  questionTerms: string[],
  candidates: readonly SentenceCandidate[],
  shape: QuestionShape,
): Map<string, number> {
  const total = candidates.length;
  const weights = new Map<string, number>();
  for (const term of questionTerms) {
    const df = candidates.filter((candidate) => candidate.terms.has(term)).length;
    const idf = Math.log(1 + total / (1 + df));
    // A one-letter term ("R", "C", the "s" of "Devil's") names too much to carry a question.
    const framing = shape.frameTerms.has(term) || term.length < 2;
    weights.set(term, framing ? idf * FRAME_TERM_WEIGHT : idf);
  }
  return weights;
}

export function matchCredit(
  term: string,
  candidate: Pick<SentenceCandidate, "terms" | "prefixes" | "headingTerms">,
): number {
  if (candidate.terms.has(term)) return 1;
  if (term.length >= PREFIX_LENGTH && candidate.prefixes.has(term.slice(0, PREFIX_LENGTH))) return PREFIX_CREDIT;
  if (candidate.headingTerms?.has(term)) return HEADING_CREDIT;
  return 0;
}

/** The first sentence under a heading that is nothing but the question's subject: a dictionary's definition. */
function isHeadwordOf(candidate: SentenceCandidate, questionTerms: ReadonlySet<string>): boolean {
  const heading = candidate.headingTerms;
  return heading !== undefined && heading.size > 0 && [...heading].every((term) => questionTerms.has(term));
}

function shapeBonus(candidate: SentenceCandidate, context: ScoringContext, questionTerms: ReadonlySet<string>): number {
  const { shape } = context;
  if (shape.asksAmount && !candidate.isCode && statesAmount(candidate.text)) return SHAPE_BONUS;
  if (shape.kind === "how") {
    if (introducingSentence(candidate, context.blocksOf[candidate.passageIndex] ?? [])) return SHAPE_BONUS;
    // "…the correct way of invoking it is dpkg-buildpackage -B": the command inside the sentence.
    return shape.asksCommand && !candidate.isCode && namesInlineCommand(candidate.text) ? SHAPE_BONUS : 0;
  }
  if (shape.kind === "definition" && !candidate.isCode) {
    if (shape.asksPurpose && statesPurpose(candidate.text, shape.subjectWords)) return SHAPE_BONUS;
    return definesSubject(candidate.text, shape.subjectWords) || isHeadwordOf(candidate, questionTerms)
      ? SHAPE_BONUS
      : 0;
  }
  return 0;
}

/** The terms of the command or code a sentence introduces (and quotes with it), if any. */
function introducedCodeTerms(candidate: SentenceCandidate, context: ScoringContext): Set<string> | undefined {
  if (candidate.isCode) return undefined;
  const blocks = context.blocksOf[candidate.passageIndex] ?? [];
  const code = followOnBlocks(candidate, blocks).filter((block) => block.kind === "code");
  return code.length > 0 ? new Set(code.flatMap((block) => searchTerms(block.text))) : undefined;
}

/** Sentences ranked best first. `questionTerms` must be distinct. */
export function scoreSentences(
  questionTerms: string[],
  candidates: SentenceCandidate[],
  passages: readonly Passage[],
  context: ScoringContext,
): ScoredSentence[] {
  const weights = termWeights(questionTerms, candidates, context.shape);
  const totalWeight = [...weights.values()].reduce((sum, weight) => sum + weight, 0);
  if (totalWeight === 0) return [];
  const topicTerms = new Set(questionTerms.filter((term) => !context.shape.frameTerms.has(term)));
  return candidates
    .map((candidate) => {
      // A dictionary's entry: the heading is the subject itself, so the sentence under it holds
      // it as fully as if it named it ("Cynic" / "A blackguard whose faulty vision…").
      const headword = context.shape.kind === "definition" && isHeadwordOf(candidate, topicTerms);
      const codeTerms = context.shape.kind === "how" ? introducedCodeTerms(candidate, context) : undefined;
      let matched = 0;
      for (const term of questionTerms) {
        let credit = headword && candidate.headingTerms?.has(term) ? 1 : matchCredit(term, candidate);
        if (credit === 0 && codeTerms?.has(term)) credit = INTRODUCED_CODE_CREDIT;
        matched += (weights.get(term) ?? 0) * credit;
      }
      const asked = !candidate.isCode && /\?\s*$/.test(candidate.text);
      // "Which command…?" is not answered by a sentence that names no command, in its text or after it.
      const commandless =
        context.shape.asksCommand &&
        !candidate.isCode &&
        codeTerms === undefined &&
        !namesInlineCommand(candidate.text);
      const pointer = !candidate.isCode && POINTER_SENTENCE.test(candidate.text.trim());
      const termCoverage = (matched / totalWeight) * (asked || pointer || commandless ? QUESTION_SENTENCE_FACTOR : 1);
      // The bonus only lifts a sentence that already shares the question's topic. It still
      // ranks when the topic is fully covered (a one-word subject every candidate names), so
      // the score takes it uncapped; coverage, a share, stays within 1.
      const shaped = termCoverage > 0 ? termCoverage + shapeBonus(candidate, context, topicTerms) : 0;
      const coverage = Math.min(1, shaped);
      const similarity = Math.max(0, Math.min(1, passages[candidate.passageIndex]?.score ?? 0));
      return { ...candidate, coverage, score: shaped + PASSAGE_SCORE_WEIGHT * similarity };
    })
    .sort((a, b) => b.score - a.score);
}
