// Messages between the bot and its search process (JSON over the IPC channel).
import type { Passage, RetrievalSettings, SearchContext } from "@ai-library/shared/retrieval";

/** Open (or keep) a generation directory: sent when a generation goes live. */
export interface PrepareRequest {
  type: "prepare";
  dir: string;
}

/** One whole question search (keyword + vector candidates, fusion, passages) in a generation. */
export interface SearchRequest {
  type: "search";
  id: number;
  dir: string;
  text: string;
  /** The question's unit embedding, made in the bot (cheap) with the bot's embedder. */
  vector: number[];
  k: number;
  /** A follow-up's earlier turn, searched beside the question at its weight. */
  context?: SearchContext;
  settings: RetrievalSettings;
  /**
   * How long the bot waits for this search (then it answers «не успел»). The search process
   * skips a search that has been queued that long: under overload, working through searches
   * nobody waits for would make every later one late too. A duration, not a time of day, so
   * a clock step between the two processes changes nothing.
   */
  waitMs: number;
}

export interface MemoryRequest {
  type: "memory";
  id: number;
}

export type SearchProcessRequest = PrepareRequest | SearchRequest | MemoryRequest;

export type SearchProcessReply =
  | { id: number; ok: true; passages: Passage[] }
  | { id: number; ok: true; rssBytes: number }
  | { id: number; ok: false; error: string };
