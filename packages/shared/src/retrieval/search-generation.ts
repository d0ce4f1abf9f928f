// One question against one generation: keyword and vector candidates, fused by reciprocal
// rank, neighbours merged into one passage, cut sentences completed. A generation without a
// keyword index (built before it existed) is searched by vector alone.
import type { Chunk } from "../chunking/types.js";
import type { ScoredLabel } from "../index/keyword-index.js";
import type { LoadedGeneration } from "../index/loaded-generation.js";
import { assemblePassage } from "./assemble-passage.js";
import { fuseRankings, type RankedList } from "./fuse-rankings.js";
import { groupAdjacentHits, type HitGroup } from "./group-adjacent-hits.js";
import type { RetrievalSettings } from "./retrieval-settings.js";
import type { Passage } from "./types.js";

export interface SearchQuery {
  text: string;
  /** The question's unit embedding (also used to give keyword hits a cosine similarity). */
  vector: Float32Array;
}

/** Whether the mode uses each list; keyword mode on a generation without the index uses vectors. */
export function listsInUse(generation: LoadedGeneration, settings: RetrievalSettings) {
  const keyword = settings.mode !== "vector" && generation.hasKeywordIndex;
  return { keyword, vector: settings.mode !== "keyword" || !keyword };
}

function neighbourLabels(groups: HitGroup[]): number[] {
  return groups.flatMap((group) => [(group.labels[0] ?? 0) - 1, (group.labels.at(-1) ?? -2) + 1]).filter((l) => l >= 0);
}

function cosineOf(generation: LoadedGeneration, query: SearchQuery, vector: ScoredLabel[], groups: HitGroup[]) {
  const known = new Map(vector.map((hit) => [hit.label, hit.score]));
  const missing = groups.flatMap((group) => group.labels).filter((label) => !known.has(label));
  for (const [label, score] of generation.similarities(query.vector, missing)) known.set(label, score);
  return known;
}

/**
 * The rest of a search once the vector hits are known (`settings.vectorCandidates` nearest
 * chunks, best first; [] when the mode does not use vectors): keyword hits, fusion, passages.
 * For callers that run the FAISS scan elsewhere, such as on a worker thread.
 */
export function passagesFromVectorHits(
  generation: LoadedGeneration,
  query: SearchQuery,
  vectorHits: ScoredLabel[],
  k: number,
  settings: RetrievalSettings,
): Passage[] {
  if (k <= 0) return [];
  const use = listsInUse(generation, settings);
  const lists: RankedList[] = use.vector ? [{ hits: vectorHits, weight: 1 }] : [];
  if (use.keyword) {
    const hits = generation.keywordCandidates(query.text, settings.keywordCandidates);
    lists.push({ hits, weight: use.vector ? settings.keywordWeight : 1 });
  }
  // Enough chunks to fill k passages even when several hits merge into one.
  const ranked = fuseRankings(lists, settings.rrfK)
    .slice(0, k * 4)
    .map((hit) => hit.label);
  const groups = groupAdjacentHits(ranked, generation.chunksByLabel(ranked), k, settings.passageChunks);
  const around: Map<number, Chunk> =
    settings.expandChars > 0 ? generation.chunksByLabel(neighbourLabels(groups)) : new Map();
  const similarity = cosineOf(generation, query, use.vector ? vectorHits : [], groups);
  return groups.map((group) => {
    const first = group.labels[0] ?? 0;
    const last = group.labels.at(-1) ?? 0;
    const before = around.get(first - 1);
    const after = around.get(last + 1);
    const score = Math.max(...group.labels.map((label) => similarity.get(label) ?? 0));
    const neighbours = { ...(before ? { before } : {}), ...(after ? { after } : {}) };
    return assemblePassage(group, neighbours, score, settings.expandChars);
  });
}

/** Searches one generation on this thread, in the configured mode. */
export function searchGeneration(
  generation: LoadedGeneration,
  query: SearchQuery,
  k: number,
  settings: RetrievalSettings,
): Passage[] {
  const vectorHits = listsInUse(generation, settings).vector
    ? generation.vectorCandidates(query.vector, settings.vectorCandidates)
    : [];
  return passagesFromVectorHits(generation, query, vectorHits, k, settings);
}
