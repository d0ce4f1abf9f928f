// Messages between the bot and its search process (JSON over the IPC channel).
import type { EmbedderIdentity } from "@ai-library/shared/embeddings";
import type { GenerationManifest } from "@ai-library/shared/index";
import type { Passage, RetrievalSettings, SearchContext, SectionText } from "@ai-library/shared/retrieval";

/**
 * Open a generation for the bot to serve: verify every file, load it, run the smoke query with
 * `probe` and reply with its manifest. The bot serves a generation only after this succeeded.
 */
export interface OpenRequest {
  type: "open";
  id: number;
  dir: string;
  /** The bot's embedder: a generation built with another one is refused. */
  expectedEmbedder: EmbedderIdentity;
  /** SMOKE_QUESTION embedded by the bot. */
  probe: number[];
}

/** Open (or keep) a generation ahead of its first search, without a reply: a restarted search process warming up. */
export interface PrepareRequest {
  type: "prepare";
  dir: string;
}

/** The bot no longer serves this generation and no search of it is in flight: free it. */
export interface CloseRequest {
  type: "close";
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

/** The section around a cited chunk («Подробнее»): its book id and position in the book. */
export interface SectionRequest {
  type: "section";
  id: number;
  dir: string;
  bookId: string;
  position: number;
  maxChars: number;
}

export interface MemoryRequest {
  type: "memory";
  id: number;
}

export type SearchProcessRequest =
  | OpenRequest
  | PrepareRequest
  | CloseRequest
  | SearchRequest
  | SectionRequest
  | MemoryRequest;

/** The requests the search process answers (the others need no reply). */
export type SearchProcessCall = OpenRequest | SearchRequest | SectionRequest | MemoryRequest;

export type SearchProcessReply =
  | { id: number; ok: true; manifest: GenerationManifest }
  | { id: number; ok: true; passages: Passage[] }
  | { id: number; ok: true; section: SectionText | null }
  | { id: number; ok: true; rssBytes: number }
  | { id: number; ok: false; error: string };
