// recall@k of an approximate index against exact (flat) results for the same queries.
/** Mean over queries of |approx top-k ∩ exact top-k| / k; labels < 0 (FAISS "none") never count. */
export function recallAtK(exact: readonly number[][], approx: readonly number[][], k: number): number {
  if (exact.length !== approx.length) throw new Error(`recall: ${exact.length} exact vs ${approx.length} results`);
  if (exact.length === 0) return Number.NaN;
  let sum = 0;
  exact.forEach((truth, query) => {
    const wanted = new Set(truth.slice(0, k).filter((label) => label >= 0));
    const found = (approx[query] ?? []).slice(0, k).filter((label) => wanted.has(label));
    sum += new Set(found).size / k;
  });
  return sum / exact.length;
}
