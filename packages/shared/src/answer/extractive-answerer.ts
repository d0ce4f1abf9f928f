// The offline answerer: quotes the 1–4 sentences from the retrieved passages that best
// match the question, each with its citation [n] and with what it introduces (a command, a
// list, a table: quote-follow-on.ts). When passages are relevant but no sentence answers
// directly, it says so and shows the closest passages; only when nothing is relevant does it
// say the library has no answer. No model, no network; every word of the answer comes from
// the books.
import type { Passage } from "../retrieval/types.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { searchTerms } from "../text/search-terms.js";
import { ANSWER_PHRASES } from "./answer-phrases.js";
import { relevantPassages } from "./closest-passages.js";
import { formatQuote } from "./format-quote.js";
import type { PassageBlock } from "./passage-blocks.js";
import { questionShape, withBookTitlesAsFrame } from "./question-shape.js";
import { followOnBlocks, introducingSentence } from "./quote-follow-on.js";
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
const MIN_COVERAGE = 0.35;
export const MIN_PASSAGE_SIMILARITY = 0.05;
/** Quotes that may bring along what they introduce. */
const MAX_QUOTES_WITH_FOLLOW_ON = 2;
/** When the best quote brings a command or list, one more quote at most: the answer is there. */
const MAX_QUOTES_AFTER_FOLLOW_ON = 2;

function notFound(language: AnswerLanguage): Answer {
  return { text: ANSWER_PHRASES[language].notFound, sources: [], notFound: true, language };
}

function firstMatchOffset(sentence: Pick<ScoredSentence, "text">, questionTerms: Set<string>): number {
  const lower = normaliseForSearch(sentence.text);
  for (const word of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (word && searchTerms(word).some((term) => questionTerms.has(term))) return Math.max(0, lower.indexOf(word));
  }
  return 0;
}

const comparable = (text: string) => normaliseForSearch(text).replace(/\s+/g, " ").trim();

interface Citations {
  sources: Passage[];
  numberOf(passageIndex: number): number;
}

function citationsFor(passages: readonly Passage[]): Citations {
  const sources: Passage[] = [];
  const numbers = new Map<number, number>();
  return {
    sources,
    numberOf(passageIndex) {
      let number = numbers.get(passageIndex);
      if (number === undefined) {
        const passage = passages[passageIndex];
        if (passage) sources.push(passage);
        number = sources.length;
        numbers.set(passageIndex, number);
      }
      return number;
    },
  };
}

function quotedAnswer(
  quotes: ScoredSentence[],
  passages: readonly Passage[],
  blocksOf: readonly (readonly PassageBlock[])[],
  questionTerms: Set<string>,
  language: AnswerLanguage,
): Answer {
  const phrases = ANSWER_PHRASES[language];
  const citations = citationsFor(passages);
  const lines: string[] = [];
  // Text already shown as part of an earlier quote's follow-on (a command line that also
  // scored as a sentence of its own) is not quoted twice.
  let shown = "";
  let withFollowOn = 0;
  for (const best of quotes) {
    if (withFollowOn > 0 && lines.length >= MAX_QUOTES_AFTER_FOLLOW_ON) break;
    // A list item, table row or command under a "…:" introduction is quoted with its
    // introduction and the whole run, not alone.
    const blocks = blocksOf[best.passageIndex] ?? [];
    const quote =
      withFollowOn < MAX_QUOTES_WITH_FOLLOW_ON && !introducingSentence(best, blocks)
        ? (best.introducedBy ?? best)
        : best;
    if (shown.includes(comparable(quote.text))) continue;
    const introduction = withFollowOn < MAX_QUOTES_WITH_FOLLOW_ON ? introducingSentence(quote, blocks) : undefined;
    const followOn = introduction ? followOnBlocks(introduction, blocks) : [];
    if (followOn.length > 0) withFollowOn += 1;
    // A sentence that introduces something is quoted whole (its end is the introduction),
    // with the short introducing sentence after it when that one leads in.
    const text =
      followOn.length > 0
        ? introduction === quote
          ? quote.text
          : `${quote.text} ${introduction?.text ?? ""}`
        : quote.isCode
          ? quote.text
          : trimQuote(quote.text, firstMatchOffset(quote, questionTerms));
    const number = citations.numberOf(quote.passageIndex);
    // The command interrupting this sentence is its answer: quote the sentence's start and the command first.
    const interrupted = quote.resumes ? blocks[quote.resumes.codeBlock] : undefined;
    if (interrupted && quote.resumes) {
      lines.push(formatQuote(quote.resumes.lead.text, false, [interrupted], number, phrases));
      shown += ` ${comparable(interrupted.text)}`;
    }
    lines.push(formatQuote(text, quote.isCode, followOn, number, phrases));
    shown += ` ${comparable(followOn.map((block) => block.text).join(" "))}`;
  }
  return { text: `${phrases.intro}\n${lines.join("\n")}`, sources: citations.sources, notFound: false, language };
}

/** Relevant passages without a direct answer: say so, and show the best sentence of each. */
function closestAnswer(
  relevant: ReturnType<typeof relevantPassages>,
  passages: readonly Passage[],
  questionTerms: Set<string>,
  language: AnswerLanguage,
): Answer {
  const phrases = ANSWER_PHRASES[language];
  const citations = citationsFor(passages);
  const lines = relevant.map(({ passageIndex, best }) => {
    const number = citations.numberOf(passageIndex);
    const text = best.isCode ? best.text : trimQuote(best.text, firstMatchOffset(best, questionTerms));
    return formatQuote(text, best.isCode, [], number, phrases);
  });
  return {
    text: `${phrases.closestIntro}\n${lines.join("\n")}`,
    sources: citations.sources,
    notFound: false,
    closestOnly: true,
    language,
  };
}

export function answerFromPassages(question: string, passages: readonly Passage[], language: AnswerLanguage): Answer {
  const questionTerms = [...new Set(searchTerms(question))];
  if (questionTerms.length === 0 || passages.length === 0) return notFound(language);
  const titles = new Set(passages.map((passage) => passage.title));
  const shape = withBookTitlesAsFrame(questionShape(question), questionTerms, titles);
  const { sentences, blocksOf } = sentenceCandidates(passages);
  // The similarity floor drops passages the embedder finds unrelated; a sentence holding every
  // topic word of the question (FTBFS, however the question is phrased) is related whatever
  // the embedder says: the local one hashes words and misses a short question's intent.
  const topic = questionTerms.filter((term) => !shape.frameTerms.has(term));
  const ranked = scoreSentences(questionTerms, sentences, passages, { shape, blocksOf }).filter(
    (sentence) =>
      (passages[sentence.passageIndex]?.score ?? 0) >= MIN_PASSAGE_SIMILARITY ||
      (topic.length > 0 && topic.every((term) => sentence.terms.has(term))),
  );
  const termSet = new Set(questionTerms);
  const quotes = selectQuotes(ranked, MIN_COVERAGE);
  if (quotes.length > 0) return quotedAnswer(quotes, passages, blocksOf, termSet, language);
  const relevant = relevantPassages(questionTerms, ranked, sentences, shape);
  return relevant.length > 0 ? closestAnswer(relevant, passages, termSet, language) : notFound(language);
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
