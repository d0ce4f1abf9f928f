// Messages between the bot's main thread and its FAISS search thread.

/** Load (or keep) the index of a generation directory: sent when a generation goes live. */
export interface PrepareRequest {
  type: "prepare";
  dir: string;
}

export interface SearchRequest {
  type: "search";
  id: number;
  dir: string;
  vector: Float32Array;
  k: number;
}

export type WorkerRequest = PrepareRequest | SearchRequest;

export type SearchReply =
  | { id: number; ok: true; labels: number[]; distances: number[] }
  | { id: number; ok: false; error: string };
