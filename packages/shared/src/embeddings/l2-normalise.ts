// Unit-length vectors make inner product equal cosine similarity, which the FAISS
// inner-product index and every score threshold in the project assume.

/** Scales `vector` in place to length 1; an all-zero vector stays zero. Returns it. */
export function l2NormaliseInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i] ?? 0;
    sum += value * value;
  }
  if (sum === 0) return vector;
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}

export function l2Normalised(values: ArrayLike<number>): Float32Array {
  return l2NormaliseInPlace(Float32Array.from(values));
}

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
