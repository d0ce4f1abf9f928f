// Exact token counts for OpenAI embedding models (cl100k_base, the encoding of
// text-embedding-3-* and ada-002) from the ranks bundled in js-tiktoken — never fetched.
// Counting is per pre-tokenised piece with a memo: BPE never crosses pieces, and the same
// words recur across a book, so a memo hit replaces js-tiktoken's slow BPE on Cyrillic text.
import type { Tiktoken } from "js-tiktoken/lite";
import { memoizeByKey } from "../text/memoize-by-key.js";

// cl100k_base's pre-tokeniser (the pattern tiktoken itself uses to split text into pieces).
const PIECE =
  /'(?:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;
const MEMO_LIMIT = 500_000;

export type TokenCounter = (text: string) => number;

let loading: Promise<Tiktoken> | undefined;

// Imported lazily: the rank table is large and only the OpenAI embedder needs it.
async function loadEncoder(): Promise<Tiktoken> {
  const [{ Tiktoken }, { default: ranks }] = await Promise.all([
    import("js-tiktoken/lite"),
    import("js-tiktoken/ranks/cl100k_base"),
  ]);
  return new Tiktoken(ranks);
}

/** Loads the encoder (once per process, ~1 s) and returns a memoising counter. */
export async function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= loadEncoder();
  const encoder = await loading;
  // Book text may contain "<|endoftext|>": count it as plain text, never throw.
  const countPiece = memoizeByKey(MEMO_LIMIT, (piece) => encoder.encode(piece, [], []).length);
  return (text) => {
    let total = 0;
    for (const match of text.matchAll(PIECE)) total += countPiece(match[0]);
    return total;
  };
}
