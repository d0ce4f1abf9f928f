// The keyword search's view of the words that ask for a definition (text/question-frame-words.ts):
// "означает", "сокращение", "stand for". Searched alongside a topic word they let every chunk
// that uses them often (a language course's "сокращение") outrank the one chunk that holds the
// rare topic word ("FTBFS"), so they leave the candidate query and count at a quarter of their
// weight in proximity. A question of such words only keeps them all. Other framing words
// ("называется", "command") stay: `pnpm eval` lost long-book questions without them.
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import { DEFINITION_FRAME_WORDS, FRAME_TERM_WEIGHT } from "../text/question-frame-words.js";

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

/** The terms' weights with those outside `topic` (what topicTerms kept) scaled down. */
export function withFramingWeighedDown(weights: Map<string, number>, topic: readonly string[]): Map<string, number> {
  const kept = new Set(topic);
  if ([...weights.keys()].every((term) => kept.has(term))) return weights;
  return new Map([...weights].map(([term, weight]) => [term, kept.has(term) ? weight : weight * FRAME_TERM_WEIGHT]));
}
