// The keyword search's view of the words that ask for a definition (text/question-frame-words.ts):
// "означает", "сокращение", "stand for". Searched alongside a topic word they let every chunk
// that uses them often (a language course's "сокращение") outrank the one chunk that holds the
// rare topic word ("FTBFS"), so they leave the candidate query and count at a quarter of their
// weight in proximity. A question of such words only keeps them all. Other framing words
// ("называется", "command") stay: `pnpm eval` lost long-book questions without them.
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import { DEFINITION_FRAME_WORDS } from "../text/question-frame-words.js";

/** What a framing term counts for in proximity, against its full IDF for a topic term. */
const FRAME_TERM_WEIGHT = 0.25;

let frameTerms: ReadonlySet<string> | undefined;

function keywordFrameTerms(): ReadonlySet<string> {
  frameTerms ??= new Set(keywordTerms(DEFINITION_FRAME_WORDS));
  return frameTerms;
}

/** The terms to search candidates with: the topic terms, or every term when all of them frame. */
export function topicTerms(terms: readonly string[]): string[] {
  const frame = keywordFrameTerms();
  const topic = terms.filter((term) => !frame.has(term));
  return topic.length > 0 ? topic : [...terms];
}

/** The terms' weights with the framing ones scaled down (only when a topic term is left). */
export function withFramingWeighedDown(terms: readonly string[], weights: Map<string, number>): Map<string, number> {
  const topic = new Set(topicTerms(terms));
  if (topic.size === terms.length) return weights;
  return new Map([...weights].map(([term, weight]) => [term, topic.has(term) ? weight : weight * FRAME_TERM_WEIGHT]));
}
