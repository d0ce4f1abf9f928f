// De-duplication of overlapping chunks: consecutive chunks of a book share their overlap, so
// when search finds neighbours they are one passage, not two slots of near-identical text.
// Labels of one book are consecutive in chunk order, so neighbours are labels ±1 that share
// the book, chapter and section (no chunk crosses a section; a passage should not either, so
// that it is cited by the section that holds its text).
import type { Chunk } from "../chunking/types.js";
import type { ScoredLabel } from "../index/keyword/keyword-index.js";

/** A neighbour joins a passage only if it scores at least this share of the passage's best hit. */
const MIN_JOIN_SHARE = 0.5;

/** A passage in the making: consecutive labels of one book and chapter, in reading order. */
export interface HitGroup {
  labels: number[];
  chunks: Chunk[];
  /** Rank (0 = best) of the group's best hit in the fused list. */
  rank: number;
  /** Score of that best hit. */
  best: number;
}

export function sameSection(a: Chunk, b: Chunk): boolean {
  return a.bookId === b.bookId && a.chapter === b.chapter && a.section === b.section;
}

function attach(group: HitGroup, hit: ScoredLabel, chunk: Chunk, maxChunks: number): boolean {
  const { label } = hit;
  const first = group.labels[0] ?? -2;
  const last = group.labels.at(-1) ?? -2;
  const head = group.chunks[0];
  if (!head || group.labels.length >= maxChunks || !sameSection(head, chunk)) return false;
  if (hit.score < group.best * MIN_JOIN_SHARE) return false;
  if (label === last + 1) {
    group.labels.push(label);
    group.chunks.push(chunk);
    return true;
  }
  if (label === first - 1) {
    group.labels.unshift(label);
    group.chunks.unshift(chunk);
    return true;
  }
  return false;
}

/**
 * Up to `k` groups from hits in rank order: a hit next to an earlier group joins it (up to
 * `maxChunks` per group, if it scores at least half the group's best), any other hit opens a
 * new group while fewer than `k` are open.
 */
export function groupAdjacentHits(
  ranked: readonly ScoredLabel[],
  chunks: Map<number, Chunk>,
  k: number,
  maxChunks: number,
): HitGroup[] {
  const groups: HitGroup[] = [];
  for (const [rank, hit] of ranked.entries()) {
    const chunk = chunks.get(hit.label);
    if (!chunk || groups.some((group) => attach(group, hit, chunk, maxChunks))) continue;
    // With k passages open, later hits may still join one as its neighbour (an answer that
    // runs into the next chunk), but open no new passage.
    if (groups.length === k) continue;
    groups.push({ labels: [hit.label], chunks: [chunk], rank, best: hit.score });
  }
  return groups;
}
