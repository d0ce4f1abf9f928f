/**
 * An extra keyword query run beside the question's own: chunks holding any of `terms`, their
 * BM25 for these terms multiplied by `weight` and added to their BM25 for the question. The
 * question's terms weigh 1 each, so `weight` is set against one of them.
 */
export interface WeightedQuery {
  terms: readonly string[];
  weight: number;
}
