// Messages between the bot and its FAISS search process (JSON over the IPC channel).

/** Load (or keep) the index of a generation directory: sent when a generation goes live. */
export interface PrepareRequest {
  type: "prepare";
  dir: string;
}

export interface SearchRequest {
  type: "search";
  id: number;
  dir: string;
  vector: number[];
  k: number;
}

export interface MemoryRequest {
  type: "memory";
  id: number;
}

export type SearchProcessRequest = PrepareRequest | SearchRequest | MemoryRequest;

export type SearchProcessReply =
  | { id: number; ok: true; labels: number[]; distances: number[] }
  | { id: number; ok: true; rssBytes: number }
  | { id: number; ok: false; error: string };
