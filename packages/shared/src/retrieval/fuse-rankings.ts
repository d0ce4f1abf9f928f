// Reciprocal rank fusion (Cormack et al., 2009), weighted per list: a chunk scores
// Σ weight / (k + rank) over the lists that found it. Ranks, not raw scores, are fused
// because BM25 and cosine live on unrelated scales; a chunk found by both lists rises
// above one found by only one of them unless that one ranked it far higher.
import type { ScoredLabel } from "../index/keyword-index.js";

export interface RankedList {
  hits: readonly ScoredLabel[];
  weight: number;
}

export interface FusedHit {
  label: number;
  fused: number;
}

/** Labels of all lists, best fused score first; ties keep the order of first appearance. */
export function fuseRankings(lists: readonly RankedList[], rrfK: number): FusedHit[] {
  const fused = new Map<number, number>();
  for (const { hits, weight } of lists) {
    if (weight <= 0) continue;
    hits.forEach((hit, index) => {
      fused.set(hit.label, (fused.get(hit.label) ?? 0) + weight / (rrfK + index + 1));
    });
  }
  return [...fused].map(([label, score]) => ({ label, fused: score })).sort((a, b) => b.fused - a.fused);
}
