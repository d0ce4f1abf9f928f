// Query expansion of the keyword list: extra weighted queries (synonyms from the thesaurus,
// RM3 feedback terms from the question's own best hits) are searched beside the question and
// their BM25, times their weight, is added to each chunk's. Chunks only an extra query finds
// join the list; the list keeps its length. Off (no extra query) the list is returned as is.
import type { Chunk } from "../../chunking/types.js";
import type { ScoredLabel } from "../../index/keyword/keyword-index.js";
import { keywordTerms } from "../../index/keyword/keyword-terms.js";
import { feedbackQueryTerms } from "./relevance-feedback.js";
import { synonymQuery } from "./synonym-query.js";
import type { WeightedQuery } from "./weighted-query.js";

export interface ExpansionSettings {
  /** Weight of RM3 feedback terms against the question, 0–1 (0 = off). */
  rm3Weight: number;
  /** Best keyword hits taken as relevant (Anserini's fbDocs). */
  rm3Docs: number;
  /** Feedback terms added (Anserini's fbTerms). */
  rm3Terms: number;
  /** Weight of each synonym against a question term (0 = off). */
  thesaurusWeight: number;
}

/** What expansion reads from a generation: keyword search, term statistics and chunk texts. */
export interface ExpansionSource {
  keywordCandidates(terms: readonly string[], k: number): ScoredLabel[];
  searchableTerms(terms: readonly string[]): string[];
  chunksByLabel(labels: number[]): Map<number, Chunk>;
}

/** `synonyms`: synonym → question term (questionSynonyms), empty when the thesaurus is off. */
function expansionQueries(
  source: ExpansionSource,
  terms: readonly string[],
  hits: readonly ScoredLabel[],
  settings: ExpansionSettings,
  synonyms: ReadonlyMap<string, string>,
): WeightedQuery[] {
  const bySynonym = synonymQuery(synonyms, settings.thesaurusWeight);
  if (settings.rm3Weight <= 0 || settings.rm3Docs <= 0) return bySynonym;
  const top = hits.slice(0, settings.rm3Docs);
  const chunks = source.chunksByLabel(top.map((hit) => hit.label));
  const documents = top.flatMap((hit) => {
    const chunk = chunks.get(hit.label);
    return chunk ? [{ terms: keywordTerms(chunk.text), score: hit.score }] : [];
  });
  const useful = (term: string) => source.searchableTerms([term]).length > 0;
  const feedback = feedbackQueryTerms(
    terms,
    documents,
    { terms: settings.rm3Terms, weight: settings.rm3Weight },
    useful,
  );
  return [...bySynonym, ...feedback];
}

/** The question's keyword hits with the extra queries' weighted BM25 added; best first, same length. */
export function expandKeywordHits(
  source: ExpansionSource,
  terms: readonly string[],
  hits: readonly ScoredLabel[],
  limit: number,
  settings: ExpansionSettings,
  synonyms: ReadonlyMap<string, string>,
  /** Queries the caller adds (a follow-up's context terms), searched the same way. */
  extra: readonly WeightedQuery[] = [],
): ScoredLabel[] {
  const queries = [...expansionQueries(source, terms, hits, settings, synonyms), ...extra];
  if (queries.length === 0) return [...hits];
  const scores = new Map(hits.map((hit) => [hit.label, hit.score]));
  for (const { terms: extra, weight } of queries) {
    for (const hit of source.keywordCandidates(extra, limit)) {
      scores.set(hit.label, (scores.get(hit.label) ?? 0) + weight * hit.score);
    }
  }
  return [...scores]
    .map(([label, score]) => ({ label, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
