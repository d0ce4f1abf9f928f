// Splits a list of texts into consecutive request batches limited both by count and by
// estimated tokens, so no embeddings request exceeds the server's per-request limits.

export interface BatchLimits {
  maxTexts: number;
  maxTokens: number;
}

export interface BatchRange {
  /** Index of the first text in the batch. */
  start: number;
  /** One past the last text. */
  end: number;
  tokens: number;
}

/** A single text above `maxTokens` travels alone (the server decides whether it fits). */
export function planEmbeddingBatches(tokenCounts: readonly number[], limits: BatchLimits): BatchRange[] {
  const batches: BatchRange[] = [];
  let current: BatchRange | undefined;
  tokenCounts.forEach((tokens, index) => {
    const fits =
      current && current.end - current.start < limits.maxTexts && current.tokens + tokens <= limits.maxTokens;
    if (current && fits) {
      current.end = index + 1;
      current.tokens += tokens;
      return;
    }
    current = { start: index, end: index + 1, tokens };
    batches.push(current);
  });
  return batches;
}
