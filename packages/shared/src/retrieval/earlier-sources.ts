// The sections an earlier answer cited, as candidates for a follow-up: "А какой у неё адрес?"
// after an answer about the package tracking system is often answered in the very section that
// answer quoted. A candidate chunk from one of them that holds at least one of the question's own
// terms gains a share of the leading candidate's first-pass score: the earlier answer makes it a
// candidate, the question's words choose it — a section that only matches the earlier topic
// («А через ssh?» after a wrong first answer) gains nothing.
import type { Chunk } from "../chunking/types.js";
import type { ScoredLabel } from "../index/keyword/keyword-index.js";
import { keywordTerms } from "../index/keyword/keyword-terms.js";

export interface EarlierSources {
  /** Book file and the cited table-of-contents entry (`section ?? chapter`). */
  sections: readonly { file: string; title: string }[];
  /** Share of the leading candidate's score a chunk of those sections gains. */
  weight: number;
}

/** `ranked` with the chunks (those fetched) of the earlier sections that hold a question term raised; best first. */
export function withEarlierSources(
  ranked: readonly ScoredLabel[],
  chunks: ReadonlyMap<number, Chunk>,
  earlier: EarlierSources | undefined,
  questionTerms: readonly string[],
): ScoredLabel[] {
  const lead = ranked[0]?.score ?? 0;
  if (!earlier || earlier.weight <= 0 || earlier.sections.length === 0 || lead <= 0) return [...ranked];
  const cited = new Set(earlier.sections.map((section) => `${section.file}\u0000${section.title}`));
  const bonus = earlier.weight * lead;
  const asked = new Set(questionTerms);
  const chosen = (chunk: Chunk | undefined) => {
    const title = chunk && (chunk.section ?? chunk.chapter);
    return (
      chunk !== undefined &&
      title !== undefined &&
      cited.has(`${chunk.file}\u0000${title}`) &&
      keywordTerms(chunk.text).some((term) => asked.has(term))
    );
  };
  return ranked
    .map((hit) => (chosen(chunks.get(hit.label)) ? { ...hit, score: hit.score + bonus } : hit))
    .sort((a, b) => b.score - a.score);
}
