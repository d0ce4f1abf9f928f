// Whether a question carries on from the previous turn, and with which words it is then
// searched. Offline and cheap: a question that refers back (pronouns and demonstratives, a
// leading «а …?» / "and …?", an ellipsis) or is short (one new word at most) is a follow-up,
// searched with the earlier topic at a lesser weight (one that points back with a pronoun, with
// the topic's rarest word, its subject, at full weight); a short one whose new word looks like a
// name (a clear change of topic) is searched alone. A question that is neither is searched alone too.
// The answerer is then given the follow-up as a question of its own (questionToAnswer).
import { keywordTerms } from "@ai-library/shared/index";
import type { SearchContext } from "@ai-library/shared/retrieval";
import type { ConversationTurn } from "./conversation-turn.js";
import { ellipticalFragment, LEADING_CONTINUATION, readElliptical } from "./elliptical-question.js";

/** Weight of the earlier topic's terms against one of the question's own (chosen on the dialogue set, docs/bot.md). */
export const CONTEXT_WEIGHT = 0.5;
/**
 * A question that points back with a pronoun («её», "one") is about the earlier subject: the
 * topic word the library holds least often weighs as one of the question's own words
 * (earlier-subject.ts); the rest of the topic keeps CONTEXT_WEIGHT. Raising the whole topic
 * to a question word's weight as well was tried: a topic of many words then outweighs the
 * question's own rare word («А чем его расчёсывают?» after a question about the garden).
 */
export const POINTED_SUBJECT_WEIGHT = 1;
/** The earlier answer's section titles weigh less again: a candidate, not a given. */
const SOURCE_TITLE_WEIGHT = 0.5;
/**
 * A chunk of a section the earlier answer cited, holding one of the question's own terms, gains
 * this share of the leading candidate's score (earlier-sources.ts in shared/retrieval). Chosen on
 * the tuning half of `pnpm eval --dialogues`: 0.1, 0.2 and 0.4 gave the same figures.
 */
export const EARLIER_SOURCES_WEIGHT = 0.2;
/**
 * A question that brings at most this many words the topic does not hold (and one more word at
 * most) counts as short: «Как настроить?» carries on, «Какой рецепт борща?» starts over.
 */
const SHORT_NEW_WORDS = 1;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}._+-]*/gu;
const REFERS_BACK_WORDS = new Set([
  ..."его её ее это этот эта эти этого этой этим этом этих там туда оттуда тут здесь такой такая такие такого такую него нее неё нём нем ним ней них он она оно они им их тот та те того".split(
    " ",
  ),
  ..."it its this that these those one ones there them they".split(" "),
]);
const ELLIPSIS = /(^\s*(\.\.\.|…))|((\.\.\.|…)\s*\??\s*$)/u;
/** «что такое X» names X, it does not point back at anything. */
const WHAT_IS = /что\s+такое/giu;
/** A question that asks what something is: with a subject of its own, a topic of its own. */
const ASKS_WHAT_IS =
  /^\s*(что\s+(такое|означает|означают|значит|обозначает)|кто\s+(такой|такая|такие)|what\s+(is|are|does)|who\s+(is|are|was))(?![\p{L}\p{N}])/iu;
/** Question words and verbs of asking: not the topic. */
const NOT_TOPIC = new Set(
  "как какой какая какие каким где когда зачем почему сколько чем можно нужно нужен нужна надо ли как-то what which how where when why who can could should does do is are the a an to of".split(
    " ",
  ),
);

function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** The question's topic words as written: those the keyword index would search, minus question words. */
export function topicWords(question: string): string[] {
  return words(question.replace(WHAT_IS, " ")).filter(
    (word) =>
      !NOT_TOPIC.has(word.toLowerCase()) && !REFERS_BACK_WORDS.has(word.toLowerCase()) && keywordTerms(word).length > 0,
  );
}

/** Whether the question names something earlier with a pronoun or demonstrative («её», "one", «там»). */
export function pointsBack(question: string): boolean {
  return words(question.replace(WHAT_IS, " ")).some((word) => REFERS_BACK_WORDS.has(word.toLowerCase()));
}

export function refersBack(question: string): boolean {
  return LEADING_CONTINUATION.test(question) || ELLIPSIS.test(question) || pointsBack(question);
}

/** A term that names something (a command, an acronym, a version): in a short question, a new topic. */
function looksLikeName(word: string, question: string): boolean {
  const cyrillicQuestion = /\p{Script=Cyrillic}/u.test(question);
  return (
    /[\d._+-]/.test(word) ||
    /^\p{Lu}{2,}$/u.test(word) ||
    (cyrillicQuestion && /^[a-z]/i.test(word)) ||
    word.length >= 10
  );
}

export interface FollowUp {
  /** The words shown to the user («в контексте: pbuilder») and remembered as this turn's topic. */
  topic: string;
  context: SearchContext;
  /**
   * An elliptical follow-up («А через ssh?», "And NaN?") as a question of its own, built from
   * the earlier question (elliptical-question.ts): what the answerer is asked, and remembered.
   */
  standalone?: string;
}

/**
 * The question the answerer is given. An elliptical follow-up is asked in its standalone form.
 * Any other loses its leading «А» / "And" (the answerer reads "How do I…" and «Как…» from the
 * question's start), and as its own words may say too little ("How do I write it to a USB
 * stick?" holds no "image"), topic words follow it in brackets — only those the best passage
 * holds, and no more than the question has words of its own: the extractive answerer picks
 * sentences by these words and would otherwise quote the first turn's answer again.
 */
export function questionToAnswer(asked: string, followUp: FollowUp | undefined, bestPassage?: string): string {
  if (!followUp || bestPassage === undefined) return asked;
  if (followUp.standalone) return followUp.standalone;
  const question = asked.replace(LEADING_CONTINUATION, "");
  const own = topicWords(question);
  const held = new Set(own.flatMap((word) => keywordTerms(word)));
  const inPassage = new Set(keywordTerms(bestPassage));
  const added = topicWords(followUp.topic)
    .filter((word) => {
      const terms = keywordTerms(word);
      return !terms.some((term) => held.has(term)) && terms.every((term) => inPassage.has(term));
    })
    .slice(-Math.max(1, own.length));
  return added.length > 0 ? `${question} (${added.join(" ")})` : question;
}

/** The follow-up reading of `question` after `previous`, or undefined: search it alone. */
export function followUpOf(question: string, previous: ConversationTurn | undefined): FollowUp | undefined {
  if (!previous || previous.topic.trim() === "") return undefined;
  const own = topicWords(question);
  const earlier = new Set(keywordTerms(previous.topic));
  const fresh = own.filter((word) => keywordTerms(word).some((term) => !earlier.has(term)));
  const unprefixed = question.replace(LEADING_CONTINUATION, "");
  // «А что такое кандзи?» after a question about uploads: the «а» joins, the question starts anew.
  const asksAnew =
    ASKS_WHAT_IS.test(unprefixed) && !refersBack(unprefixed) && own.length > 0 && fresh.length === own.length;
  const newTopic = asksAnew || fresh.some((word) => looksLikeName(word, question));
  // A question of several words that only restates the topic carries it itself.
  const short = own.length <= SHORT_NEW_WORDS + 1 && fresh.length <= SHORT_NEW_WORDS && !newTopic;
  const carriesOn = !asksAnew && (refersBack(question) || short);
  if (!carriesOn) return undefined;
  const titles = previous.sources
    .slice(0, 1)
    .map((source) => source.section ?? source.chapter ?? "")
    .join(" ");
  const cited = previous.sources.flatMap((source) => {
    const title = source.section ?? source.chapter;
    return source.file && title ? [{ file: source.file, title }] : [];
  });
  const fragment = ellipticalFragment(question);
  const elliptical =
    fragment === undefined
      ? undefined
      : readElliptical(previous.asked ?? previous.question, fragment, refersBack(fragment));
  // A long topic as a whole must not outweigh the question's own words: its terms share the
  // weight. A fragment that narrows the earlier question ("And the graphical one?") keeps that
  // question whole: its words are the question's own, at full weight.
  const share = 1 / Math.sqrt(Math.max(1, earlier.size));
  const pointed = !elliptical?.narrows && pointsBack(question);
  const weight = elliptical?.narrows ? 1 : CONTEXT_WEIGHT * share;
  return {
    topic: previous.topic,
    ...(elliptical ? { standalone: elliptical.standalone } : {}),
    context: {
      text: previous.topic,
      weight,
      ...(pointed ? { subjectWeight: POINTED_SUBJECT_WEIGHT } : {}),
      ...(titles.trim() ? { related: titles, relatedWeight: weight * SOURCE_TITLE_WEIGHT } : {}),
      ...(cited.length > 0 ? { sources: cited, sourcesWeight: EARLIER_SOURCES_WEIGHT } : {}),
    },
  };
}
