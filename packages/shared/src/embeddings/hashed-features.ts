// The feature recipe of the local embedder (bump LOCAL_MODEL_VERSION when it changes):
// per content word its Snowball stem and the character 3–5-grams of the stem, plus the
// bigram of consecutive stems. Each distinct word and bigram is weighted 1+ln(tf) and
// folded into `dims` signed buckets (the "hashing trick"); the result is L2-normalised.
import { wordLanguage } from "../text/detect-language.js";
import { normaliseForSearch } from "../text/normalise-for-search.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { tokenize } from "../text/tokenize.js";
import { hashCharGrams, hashPair, hashString } from "./feature-hashing.js";
import { l2NormaliseInPlace } from "./l2-normalise.js";

export const LOCAL_MODEL_VERSION = "hashed-ngrams-v1";

const STEM_SEED = 0x1b873593;
const BIGRAM_SEED = 0x27d4eb2f;
const GRAM_SEED = 0x165667b1;
const WEIGHT = { stem: 1, bigram: 0.6, gram: 0.3 } as const;
const WORD_CACHE_LIMIT = 300_000;

/** A content word, pre-folded into buckets: adding it to a vector is one short loop. */
interface WordFeatures {
  stemHash: number;
  buckets: Int32Array;
  weights: Float32Array;
}

function bucketOf(hash: number, dims: number) {
  return { bucket: hash % dims, sign: hash & 0x80000000 ? -1 : 1 };
}

function foldWord(stemmed: string, dims: number): WordFeatures {
  const stemHash = hashString(stemmed, STEM_SEED);
  // Numbers match exactly or not at all: "1998" should not half-match "1999".
  const grams = /\d/.test(stemmed) ? [] : hashCharGrams(stemmed, 3, 5, GRAM_SEED);
  const folded = new Map<number, number>();
  const add = (hash: number, weight: number) => {
    const { bucket, sign } = bucketOf(hash, dims);
    folded.set(bucket, (folded.get(bucket) ?? 0) + sign * weight);
  };
  add(stemHash, WEIGHT.stem);
  for (const gram of grams) add(gram, WEIGHT.gram);
  return {
    stemHash,
    buckets: Int32Array.from(folded.keys()),
    weights: Float32Array.from(folded.values()),
  };
}

/** Returns a function text → unit vector of length `dims` (all zeros for text with no content words). */
export function createHashedFeatureVectoriser(dims: number): (text: string) => Float32Array {
  // Word → features (null for stop words). Words repeat heavily across a library.
  const cache = new Map<string, WordFeatures | null>();
  const featuresOf = (word: string): WordFeatures | null => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    const lang = wordLanguage(word);
    const features = isStopword(word, lang) ? null : foldWord(stem(word, lang), dims);
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, features);
    return features;
  };

  return (text) => {
    const wordCounts = new Map<WordFeatures, number>();
    const bigramCounts = new Map<number, number>();
    let previous: number | undefined;
    for (const word of tokenize(normaliseForSearch(text))) {
      const features = featuresOf(word);
      if (!features) continue;
      wordCounts.set(features, (wordCounts.get(features) ?? 0) + 1);
      if (previous !== undefined) {
        const bigram = hashPair(previous, features.stemHash, BIGRAM_SEED);
        bigramCounts.set(bigram, (bigramCounts.get(bigram) ?? 0) + 1);
      }
      previous = features.stemHash;
    }
    const vector = new Float32Array(dims);
    for (const [features, count] of wordCounts) {
      const tf = 1 + Math.log(count);
      const { buckets, weights } = features;
      for (let i = 0; i < buckets.length; i++) {
        const bucket = buckets[i] ?? 0;
        vector[bucket] = (vector[bucket] ?? 0) + (weights[i] ?? 0) * tf;
      }
    }
    for (const [hash, count] of bigramCounts) {
      const { bucket, sign } = bucketOf(hash, dims);
      vector[bucket] = (vector[bucket] ?? 0) + sign * WEIGHT.bigram * (1 + Math.log(count));
    }
    return l2NormaliseInPlace(vector);
  };
}
