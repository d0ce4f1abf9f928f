// Deterministic stand-in embeddings: each lower-cased word and its 4-character prefix is
// hashed (FNV-1a, seeded) into a signed bucket. Identical text gives an identical vector,
// and texts sharing words share features, which is all tests need from "semantics".

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED = 0x5eed;

function fnv1a(text: string, seed: number): number {
  let hash = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

export function fakeEmbedding(text: string, dims: number, scale = 1): number[] {
  const vector = new Array<number>(dims).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const word of words) {
    for (const feature of [word, `${word.slice(0, 4)}~`]) {
      const hash = fnv1a(feature, SEED);
      const bucket = hash % dims;
      vector[bucket] = (vector[bucket] ?? 0) + (hash & 0x80000000 ? -1 : 1);
    }
  }
  // Empty or symbol-only text still gets a valid unit vector.
  if (words.length === 0) vector[fnv1a(text, SEED) % dims] = 1;
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => (value / norm) * scale);
}

/** The base64 form the official client asks for by default: little-endian float32. */
export function toBase64Float32(vector: number[]): string {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString("base64");
}

/** Rough token count for the `usage` fields (the real API counts BPE tokens). */
export function approximateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
