// The offline answerer: quotes the 1–4 sentences from the retrieved passages that best
// match the question, each with its citation [n], or says plainly that the library has no
// answer. No model, no network; every word of the answer comes from the books.
import type { Passage } from "../retrieval/types.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { searchTerms } from "../text/search-terms.js";
import { ANSWER_PHRASES } from "./answer-phrases.js";
import { type ScoredSentence, scoreSentences } from "./score-sentences.js";
import { selectQuotes, trimQuote } from "./select-quotes.js";
import { sentenceCandidates } from "./sentence-candidates.js";
import type { Answer, Answerer, AnswerLanguage } from "./types.js";

/**
 * Thresholds for "the library has an answer", chosen with
 * test/answer/measure-extractive-answerer.ts on XQuAD (top-5 passages, local embedder):
 * - the best sentence must contain at least 35% of the question's IDF-weighted terms.
 *   At 0.35 an answer is given to 77% (ru) / 87% (en) of answerable questions and quotes
 *   the gold answer in 67% / 76%; with the question's article removed from the library it
 *   still answers 6% / 8% (0.40 would trade 7–5 points of answers for 2–3 fewer of those);
 * - its passage must have cosine similarity ≥ 0.05 to the question (unrelated passages
 *   from the hashed embedder score around 0 ± 0.07; related ones 0.2 and more).
 */
export const MIN_COVERAGE = 0.35;
export const MIN_PASSAGE_SIMILARITY = 0.05;

function notFound(language: AnswerLanguage): Answer {
  return { text: ANSWER_PHRASES[language].notFound, sources: [], notFound: true, language };
}

function firstMatchOffset(sentence: ScoredSentence, questionTerms: Set<string>): number {
  const lower = normaliseForSearch(sentence.text);
  for (const word of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (word && searchTerms(word).some((term) => questionTerms.has(term))) return Math.max(0, lower.indexOf(word));
  }
  return 0;
}

export function answerFromPassages(question: string, passages: readonly Passage[], language: AnswerLanguage): Answer {
  const questionTerms = [...new Set(searchTerms(question))];
  if (questionTerms.length === 0 || passages.length === 0) return notFound(language);
  const ranked = scoreSentences(questionTerms, sentenceCandidates(passages), passages).filter(
    (sentence) => (passages[sentence.passageIndex]?.score ?? 0) >= MIN_PASSAGE_SIMILARITY,
  );
  const quotes = selectQuotes(ranked, MIN_COVERAGE);
  if (quotes.length === 0) return notFound(language);

  const sources: Passage[] = [];
  const citationOf = new Map<number, number>();
  const phrases = ANSWER_PHRASES[language];
  const termSet = new Set(questionTerms);
  const lines = quotes.map((quote) => {
    let citation = citationOf.get(quote.passageIndex);
    if (citation === undefined) {
      const passage = passages[quote.passageIndex];
      if (passage) sources.push(passage);
      citation = sources.length;
      citationOf.set(quote.passageIndex, citation);
    }
    const text = trimQuote(quote.text, firstMatchOffset(quote, termSet));
    return `${phrases.openQuote}${text}${phrases.closeQuote} [${citation}]`;
  });
  return { text: `${phrases.intro}\n${lines.join("\n")}`, sources, notFound: false, language };
}

export function createExtractiveAnswerer(): Answerer {
  return {
    kind: "extractive",
    async answer(question, passages, options) {
      options.signal?.throwIfAborted();
      const answer = answerFromPassages(question, passages, options.language);
      options.onPartial?.(answer.text);
      return answer;
    },
  };
}
