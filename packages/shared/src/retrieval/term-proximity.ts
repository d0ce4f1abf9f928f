// How well one stretch of a chunk covers the question: the largest share of the question's
// term weight (BM25 IDF) found within any window of `window` consecutive terms, counting
// terms of the chunk's heading (book title, chapter) as present everywhere. A chunk whose
// matching words sit together in one sentence answers more often than one where they are
// scattered over a page, which BM25 over the whole chunk cannot tell apart.

/**
 * `synonymWeights`: synonyms of the question's terms (thesaurus, off by default) with the
 * lesser weight they count for in a window; they add to what a window covers but not to the
 * question's total, so a window holding both a term and its synonym can at most reach 1.
 */
export function bestWindowCoverage(
  chunkTerms: readonly string[],
  weights: Map<string, number>,
  window: number,
  headingTerms: ReadonlySet<string> = new Set(),
  synonymWeights: ReadonlyMap<string, number> = new Map(),
): number {
  let total = 0;
  let inHeading = 0;
  for (const [term, weight] of weights) {
    total += weight;
    if (headingTerms.has(term)) inHeading += weight;
  }
  if (total === 0) return 0;
  const weightOf = (term: string) =>
    headingTerms.has(term) ? undefined : (weights.get(term) ?? synonymWeights.get(term));
  const inWindow = new Map<string, number>();
  let covered = inHeading;
  let best = 0;
  for (let i = 0; i < chunkTerms.length; i++) {
    const term = chunkTerms[i] ?? "";
    const weight = weightOf(term);
    if (weight !== undefined) {
      const count = (inWindow.get(term) ?? 0) + 1;
      inWindow.set(term, count);
      if (count === 1) covered += weight;
    }
    const leaving = i >= window ? chunkTerms[i - window] : undefined;
    const leavingWeight = leaving === undefined ? undefined : weightOf(leaving);
    if (leaving !== undefined && leavingWeight !== undefined) {
      const count = (inWindow.get(leaving) ?? 1) - 1;
      inWindow.set(leaving, count);
      if (count === 0) covered -= leavingWeight;
    }
    if (covered > best) best = covered;
  }
  return Math.min(1, Math.max(best, inHeading) / total);
}

/**
 * Share of the question's ordered term pairs ("sherlock holm", "ivori leg": consecutive
 * content words of the question) that also stand next to each other in the chunk, each pair
 * weighted by its rarer term's IDF. A phrase of the question repeated in the text marks the
 * sentence that answers it better than the same words scattered around.
 */
export function orderedPairCoverage(
  chunkTerms: readonly string[],
  questionTerms: readonly string[],
  weights: Map<string, number>,
): number {
  const pairs = new Map<string, number>();
  for (let i = 1; i < questionTerms.length; i++) {
    const a = questionTerms[i - 1] ?? "";
    const b = questionTerms[i] ?? "";
    if (a === b) continue;
    pairs.set(`${a} ${b}`, Math.min(weights.get(a) ?? 0, weights.get(b) ?? 0));
  }
  let total = 0;
  for (const weight of pairs.values()) total += weight;
  if (total === 0) return 0;
  const found = new Set<string>();
  for (let i = 1; i < chunkTerms.length; i++) {
    const pair = `${chunkTerms[i - 1]} ${chunkTerms[i]}`;
    if (pairs.has(pair)) found.add(pair);
  }
  let matched = 0;
  for (const pair of found) matched += pairs.get(pair) ?? 0;
  return matched / total;
}
