// How well one stretch of a chunk covers the question: the largest share of the question's
// term weight (BM25 IDF) found within any window of `window` consecutive terms, counting
// terms of the chunk's heading (book title, chapter) as present everywhere. A chunk whose
// matching words sit together in one sentence answers more often than one where they are
// scattered over a page, which BM25 over the whole chunk cannot tell apart.

export function bestWindowCoverage(
  chunkTerms: readonly string[],
  weights: Map<string, number>,
  window: number,
  headingTerms: ReadonlySet<string> = new Set(),
): number {
  let total = 0;
  let inHeading = 0;
  for (const [term, weight] of weights) {
    total += weight;
    if (headingTerms.has(term)) inHeading += weight;
  }
  if (total === 0) return 0;
  const inWindow = new Map<string, number>();
  let covered = inHeading;
  let best = 0;
  for (let i = 0; i < chunkTerms.length; i++) {
    const term = chunkTerms[i] ?? "";
    const weight = headingTerms.has(term) ? undefined : weights.get(term);
    if (weight !== undefined) {
      const count = (inWindow.get(term) ?? 0) + 1;
      inWindow.set(term, count);
      if (count === 1) covered += weight;
    }
    const leaving = i >= window ? chunkTerms[i - window] : undefined;
    const leavingWeight = leaving === undefined || headingTerms.has(leaving) ? undefined : weights.get(leaving);
    if (leaving !== undefined && leavingWeight !== undefined) {
      const count = (inWindow.get(leaving) ?? 1) - 1;
      inWindow.set(leaving, count);
      if (count === 0) covered -= leavingWeight;
    }
    if (covered > best) best = covered;
  }
  return Math.max(best, inHeading) / total;
}
