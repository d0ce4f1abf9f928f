// Lookups that recur across a library (stems, index terms, word features, token counts, term
// frequencies) computed once per key. At `limit` keys the cache is emptied rather than evicted
// entry by entry: memory stays bounded and a hit costs one Map lookup, no bookkeeping.

/** `compute` with its results remembered per key; `compute` must never return undefined. */
export function memoizeByKey<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
