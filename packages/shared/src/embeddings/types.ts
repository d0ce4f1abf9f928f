/** Recorded in every index manifest: a generation can only be queried by the same embedder. */
export interface EmbedderIdentity {
  provider: "local" | "openai";
  model: string;
  dims: number;
}

/** Turns text into unit-length vectors (so inner product = cosine similarity). */
export interface Embedder {
  readonly identity: EmbedderIdentity;
  embedDocuments(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  /**
   * This embedder with its cache not consulted — every text is sent, the fresh vectors replace
   * the cached ones — for a rebuild from scratch (`--full`). Absent when there is no cache.
   */
  readonly refreshing?: Embedder;
}

export function sameIdentity(a: EmbedderIdentity, b: EmbedderIdentity): boolean {
  return a.provider === b.provider && a.model === b.model && a.dims === b.dims;
}

export function formatIdentity(identity: EmbedderIdentity): string {
  return `${identity.provider}:${identity.model}:${identity.dims}`;
}
