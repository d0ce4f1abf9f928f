// One question against one generation: keyword (BM25) and vector candidates scored together
// (first pass: BM25 + cosine + book and neighbour evidence; second pass over the leading ones:
// term proximity and ordered word pairs), consecutive hits merged into one passage, cut
// sentences completed. The keyword list may be expanded first (RM3 feedback, thesaurus
// synonyms: expansion/; off by default). A question that names a book is searched in that book
// (named-books.ts). A generation without a keyword index (built before it existed) is searched
// by vector alone.
import type { Chunk } from "../chunking/types.js";
import type { LoadedGeneration } from "../index/generation/loaded-generation.js";
import type { LabelRange, ScoredLabel } from "../index/keyword/keyword-index.js";
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import { assemblePassage } from "./assemble-passage.js";
import { withBookEvidence, withNeighbourEvidence } from "./book-evidence.js";
import { type EarlierSources, withEarlierSources } from "./earlier-sources.js";
import { type ContextQuery, withEarlierSubject } from "./earlier-subject.js";
import { type ExpansionSource, expandKeywordHits } from "./expansion/expand-keyword-hits.js";
import { questionSynonyms } from "./expansion/synonym-query.js";
import type { Thesaurus } from "./expansion/thesaurus.js";
import { groupAdjacentHits, type HitGroup } from "./group-adjacent-hits.js";
import { booksNamedIn, inRanges, withoutTitleTerms } from "./named-books.js";
import { topicTerms, withFramingWeighedDown } from "./question-frame-terms.js";
import type { RetrievalSettings } from "./retrieval-settings.js";
import { firstPassScores, PROXIMITY_POOL, withProximity } from "./score-candidates.js";
import type { Passage } from "./types.js";

export interface SearchQuery {
  text: string;
  /** The question's unit embedding (also gives keyword hits their cosine similarity). */
  vector: Float32Array;
  /**
   * Extra keyword queries beside the question's own, each at its weight (a follow-up question
   * searched with the previous turn's key terms): scored like expansion queries, and counted in
   * term proximity at their weight. One with a `subjectWeight` has its rarest term weighed so.
   */
  extra?: readonly ContextQuery[];
  /** A follow-up's earlier answer: its cited sections' chunks among the candidates gain a share (earlier-sources.ts). */
  earlierSources?: EarlierSources;
}

/** Hits this far down the ranking may still join a passage as a neighbour (chosen with `pnpm eval`). */
const JOIN_CANDIDATES = 50;

/** Whether the mode uses each list; keyword mode on a generation without the index uses vectors. */
function listsInUse(generation: LoadedGeneration, settings: RetrievalSettings) {
  const keyword = settings.mode !== "vector" && generation.hasKeywordIndex;
  return { keyword, vector: settings.mode !== "keyword" || !keyword };
}

function neighbourLabels(groups: HitGroup[]): number[] {
  return groups.flatMap((group) => [(group.labels[0] ?? 0) - 1, (group.labels.at(-1) ?? -2) + 1]).filter((l) => l >= 0);
}

/**
 * The keyword hits (expanded) and vector hits a search ranks, only inside `within` (the books a
 * question names) when given.
 */
function candidateLists(
  generation: LoadedGeneration,
  search: {
    vectorHits: ScoredLabel[];
    settings: RetrievalSettings;
    synonyms: ReadonlyMap<string, string>;
    /** Extra keyword queries (a follow-up's context), each at its weight. */
    extra: readonly ContextQuery[];
    searched: string[];
    within?: readonly LabelRange[] | undefined;
  },
): { keyword: ScoredLabel[]; vector: ScoredLabel[] } {
  const { settings, searched, within } = search;
  const use = listsInUse(generation, settings);
  const source: ExpansionSource = within
    ? {
        keywordCandidates: (terms, k) => generation.keywordCandidates(terms, k, within),
        searchableTerms: (terms) => generation.searchableTerms(terms),
        chunksByLabel: (labels) => generation.chunksByLabel(labels),
      }
    : generation;
  const hits = use.keyword ? source.keywordCandidates(searched, settings.keywordCandidates) : [];
  const keyword = use.keyword
    ? expandKeywordHits(source, searched, hits, settings.keywordCandidates, settings, search.synonyms, search.extra)
    : [];
  const vector = use.vector ? search.vectorHits.filter((hit) => !within || inRanges(hit.label, within)) : [];
  return { keyword, vector };
}

/** Candidates best first, with each one's cosine similarity (kept as the passage score). */
function rankCandidates(
  generation: LoadedGeneration,
  query: SearchQuery,
  vectorHits: ScoredLabel[],
  settings: RetrievalSettings,
  thesaurus: Thesaurus | undefined,
): { ranked: ScoredLabel[]; cosine: Map<number, number>; chunks: Map<number, Chunk> } {
  const use = listsInUse(generation, settings);
  const spelled = use.keyword ? keywordTerms(query.text) : [];
  const terms = generation.knownTerms(spelled);
  const synonyms =
    thesaurus && settings.thesaurusWeight > 0
      ? questionSynonyms(spelled, terms, thesaurus, generation.searchableTerms)
      : new Map<string, string>();
  const extra = withEarlierSubject(query.extra ?? [], (some) => generation.termWeights(generation.knownTerms(some)));
  const { books } = generation.manifest;
  const named = use.keyword ? booksNamedIn(query.text, books) : [];
  const lists = (searched: string[], within?: readonly LabelRange[]) =>
    candidateLists(generation, { vectorHits, settings, synonyms, extra, searched, within });
  const topic = topicTerms(terms);
  const inBooks = withoutTitleTerms(topic, named, (term, book) => generation.textChunksWithin(term, book));
  const inNamed = named.length > 0 ? lists(inBooks, named) : undefined;
  // A named book none of whose chunks holds the rest of the question: searched as if unnamed.
  const kept = inNamed !== undefined && inNamed.keyword.length > 0;
  const searched = kept ? inBooks : topic;
  const { keyword, vector } = kept ? inNamed : lists(topic);
  const cosine = new Map(vector.map((hit) => [hit.label, hit.score]));
  const unscored = keyword.map((hit) => hit.label).filter((label) => !cosine.has(label));
  for (const [label, score] of generation.similarities(query.vector, unscored)) cosine.set(label, score);
  if (!use.vector || !use.keyword) {
    const ranked = use.vector ? vector : keyword;
    return {
      ranked,
      cosine,
      chunks: generation.chunksByLabel(ranked.slice(0, PROXIMITY_POOL).map((hit) => hit.label)),
    };
  }
  const fused = firstPassScores({ keyword, vector, cosine }, settings);
  const inBook = withBookEvidence(fused, books, settings.bookWeight);
  const evidenced = withNeighbourEvidence(inBook, books, settings.neighbourWeight);
  const chunks = generation.chunksByLabel(evidenced.slice(0, PROXIMITY_POOL).map((hit) => hit.label));
  const firstPass = withEarlierSources(evidenced, chunks, query.earlierSources, terms);
  const weights = withFramingWeighedDown(generation.termWeights(terms), searched);
  const synonymWeights = new Map(
    [...synonyms].map(([synonym, term]) => [synonym, settings.thesaurusWeight * (weights.get(term) ?? 0)]),
  );
  for (const { terms: extraTerms, weight } of extra) {
    for (const [term, termWeight] of generation.termWeights(generation.knownTerms([...extraTerms])))
      if (!weights.has(term)) synonymWeights.set(term, Math.max(synonymWeights.get(term) ?? 0, weight * termWeight));
  }
  const ranked = withProximity(firstPass, chunks, { terms, weights, synonymWeights }, settings);
  return { ranked, cosine, chunks };
}

/**
 * A search once the vector hits are known (`settings.vectorCandidates` nearest chunks, best
 * first; ignored when the mode does not use vectors). For callers that run the FAISS scan
 * elsewhere, such as the bot's search process. Synonyms are searched only when a thesaurus is given
 * and `settings.thesaurusWeight` > 0.
 */
export function passagesFromVectorHits(
  generation: LoadedGeneration,
  query: SearchQuery,
  vectorHits: ScoredLabel[],
  k: number,
  settings: RetrievalSettings,
  thesaurus?: Thesaurus,
): Passage[] {
  if (k <= 0) return [];
  const { ranked, cosine, chunks } = rankCandidates(generation, query, vectorHits, settings, thesaurus);
  // Enough chunks to fill k passages even when several hits merge into one, and the hits
  // further down that may join them as neighbours.
  const leading = ranked.slice(0, Math.max(k * 4, JOIN_CANDIDATES));
  const missing = leading.map((hit) => hit.label).filter((label) => !chunks.has(label));
  for (const [label, chunk] of generation.chunksByLabel(missing)) chunks.set(label, chunk);
  const groups = groupAdjacentHits(leading, chunks, k, settings.passageChunks);
  const around: Map<number, Chunk> =
    settings.expandChars > 0 ? generation.chunksByLabel(neighbourLabels(groups)) : new Map();
  return groups.map((group) => {
    const first = group.labels[0] ?? 0;
    const last = group.labels.at(-1) ?? 0;
    const before = around.get(first - 1);
    const after = around.get(last + 1);
    const score = Math.max(...group.labels.map((label) => cosine.get(label) ?? 0));
    const neighbours = { ...(before ? { before } : {}), ...(after ? { after } : {}) };
    return assemblePassage(group, neighbours, score, settings.expandChars);
  });
}

/**
 * The vector hits of several questions, handed to FAISS together per candidate count (one in
 * practice; vectorCandidatesOfMany decides whether one call is cheaper). The search process
 * passes the questions waiting for it here. Searches whose mode uses no vectors get [].
 */
export function vectorHitsOfMany(
  generation: LoadedGeneration,
  searches: readonly { query: SearchQuery; settings: RetrievalSettings }[],
): ScoredLabel[][] {
  const hits: ScoredLabel[][] = searches.map(() => []);
  const byCount = new Map<number, number[]>();
  searches.forEach(({ settings }, at) => {
    if (!listsInUse(generation, settings).vector) return;
    const same = byCount.get(settings.vectorCandidates) ?? [];
    same.push(at);
    byCount.set(settings.vectorCandidates, same);
  });
  for (const [count, positions] of byCount) {
    const vectors = positions.map((at) => searches[at]?.query.vector ?? new Float32Array());
    const found = generation.vectorCandidatesOfMany(vectors, count);
    positions.forEach((at, row) => {
      hits[at] = found[row] ?? [];
    });
  }
  return hits;
}

/** Searches one generation on this thread, in the configured mode. */
export function searchGeneration(
  generation: LoadedGeneration,
  query: SearchQuery,
  k: number,
  settings: RetrievalSettings,
  thesaurus?: Thesaurus,
): Passage[] {
  const [vectorHits = []] = vectorHitsOfMany(generation, [{ query, settings }]);
  return passagesFromVectorHits(generation, query, vectorHits, k, settings, thesaurus);
}
