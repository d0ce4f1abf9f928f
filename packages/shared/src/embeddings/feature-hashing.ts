// 32-bit hashing for the hashed embedder: FNV-1a over UTF-16 code units, finished with
// murmur3's fmix32 so that the bucket (low bits) and the sign (top bit) are independent.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix32(h);
}

/** Hash of an ordered pair of hashes (word bigrams). */
export function hashPair(first: number, second: number, seed: number): number {
  return fmix32((Math.imul(first ^ seed, 0x9e3779b1) ^ second) >>> 0);
}

/**
 * Hashes of every character n-gram (minN..maxN) of `<word>`, boundary markers included,
 * computed incrementally from each start position without building substrings.
 */
export function hashCharGrams(word: string, minN: number, maxN: number, seed: number): number[] {
  const marked = `<${word}>`;
  const grams: number[] = [];
  for (let start = 0; start + minN <= marked.length; start++) {
    let h = (FNV_OFFSET ^ seed) >>> 0;
    const end = Math.min(marked.length, start + maxN);
    for (let i = start; i < end; i++) {
      h = Math.imul(h ^ marked.charCodeAt(i), FNV_PRIME);
      if (i - start + 1 >= minN) grams.push(fmix32(h));
    }
  }
  return grams;
}
