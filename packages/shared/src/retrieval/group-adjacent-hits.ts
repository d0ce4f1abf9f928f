// De-duplication of overlapping chunks: consecutive chunks of a book share their overlap, so
// when search finds neighbours they are one passage, not two slots of near-identical text.
// Labels of one book are consecutive in chunk order, so neighbours are labels ±1 that share
// the book and chapter (EPUB/FB2/MD chunks never cross a chapter; a passage should not either).
import type { Chunk } from "../chunking/types.js";

/** A passage in the making: consecutive labels of one book and chapter, in reading order. */
export interface HitGroup {
  labels: number[];
  chunks: Chunk[];
  /** Rank (0 = best) of the group's best hit in the fused list. */
  rank: number;
}

export function sameSection(a: Chunk, b: Chunk): boolean {
  return a.bookId === b.bookId && a.chapter === b.chapter;
}

function attach(group: HitGroup, label: number, chunk: Chunk, maxChunks: number): boolean {
  const first = group.labels[0] ?? -2;
  const last = group.labels.at(-1) ?? -2;
  const head = group.chunks[0];
  if (!head || group.labels.length >= maxChunks || !sameSection(head, chunk)) return false;
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
 * Up to `k` groups from labels in rank order: a hit next to an earlier group joins it (up to
 * `maxChunks` per group), any other hit opens a new group. Stops at the first hit that would
 * open group k+1.
 */
export function groupAdjacentHits(
  ranked: readonly number[],
  chunks: Map<number, Chunk>,
  k: number,
  maxChunks: number,
): HitGroup[] {
  const groups: HitGroup[] = [];
  for (const [rank, label] of ranked.entries()) {
    const chunk = chunks.get(label);
    if (!chunk || groups.some((group) => attach(group, label, chunk, maxChunks))) continue;
    if (groups.length === k) break;
    groups.push({ labels: [label], chunks: [chunk], rank });
  }
  return groups;
}
