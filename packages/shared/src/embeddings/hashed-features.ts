// The feature recipe of the local embedder (bump LOCAL_MODEL_VERSION when it changes):
// per content word its Snowball stem and the character 3–5-grams of the stem, weighted
// 1+ln(tf) per distinct word, plus the bigram of consecutive stems (linear: a bigram rarely
// repeats within a chunk). Everything is folded into `dims` signed buckets (the "hashing
// trick") and the result is L2-normalised.
import { wordLanguage } from "../text/detect-language.js";
import { memoizeByKey } from "../text/memoize-by-key.js";
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
// Chosen on XQuAD en/ru paragraph retrieval (test/embeddings/measure-local-embedder.ts):
// higher bigram weights hurt, n-gram weights between 0.3 and 0.5 are equally good.
const WEIGHT = { stem: 1, bigram: 0.3, gram: 0.3 } as const;
const WORD_CACHE_LIMIT = 300_000;

/** A content word, pre-folded into buckets: adding it to a vector is one short loop. */
interface WordFeatures {
  stemHash: number;
  buckets: Int32Array;
  weights: Float32Array;
  /** Scratch for counting within one text, valid while `seenIn` equals the current call. */
  seenIn: number;
  count: number;
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
    seenIn: -1,
    count: 0,
  };
}

/** Returns a function text → unit vector of length `dims` (all zeros for text with no content words). */
export function createHashedFeatureVectoriser(dims: number): (text: string) => Float32Array {
  // Word → features (null for stop words). Words repeat heavily across a library.
  const featuresOf = memoizeByKey(WORD_CACHE_LIMIT, (word): WordFeatures | null => {
    const lang = wordLanguage(word);
    return isStopword(word, lang) ? null : foldWord(stem(word, lang), dims);
  });

  let call = 0;
  return (text) => {
    call++;
    const vector = new Float32Array(dims);
    const distinct: WordFeatures[] = [];
    let previous: number | undefined;
    for (const word of tokenize(normaliseForSearch(text))) {
      const features = featuresOf(word);
      if (!features) continue;
      if (features.seenIn !== call) {
        features.seenIn = call;
        features.count = 0;
        distinct.push(features);
      }
      features.count++;
      if (previous !== undefined) {
        const { bucket, sign } = bucketOf(hashPair(previous, features.stemHash, BIGRAM_SEED), dims);
        vector[bucket] = (vector[bucket] ?? 0) + sign * WEIGHT.bigram;
      }
      previous = features.stemHash;
    }
    for (const features of distinct) {
      const tf = 1 + Math.log(features.count);
      const { buckets, weights } = features;
      for (let i = 0; i < buckets.length; i++) {
        const bucket = buckets[i] ?? 0;
        vector[bucket] = (vector[bucket] ?? 0) + (weights[i] ?? 0) * tf;
      }
    }
    return l2NormaliseInPlace(vector);
  };
}
