// Shapes shared by the OpenAI-protocol stand-in: what it records, how a test steers it.

/** One chat message as the stand-in's reply script sees it (content flattened to text). */
export interface StandinChatMessage {
  role: string;
  content: string;
}

/** Produces the assistant's reply for a chat completion request. */
export type ReplyScript = (messages: StandinChatMessage[]) => string;

/** Every request the stand-in received, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. "/v1/embeddings". */
  path: string;
  /** Request headers with `authorization` removed, so tests can print them safely. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined for bodiless requests. */
  body: unknown;
  /** Status code the stand-in answered with. */
  status: number;
  /** performance.now() when the request arrived and when its response ended (for concurrency checks). */
  receivedAt: number;
  respondedAt: number;
}

export interface FaultSpec {
  status: 429 | 500 | 503;
  /** Sent as `Retry-After` (seconds) with a 429. */
  retryAfterSeconds?: number;
}

export interface OpenAiStandinOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets a 401. */
  apiKey?: string;
  /** Length of embedding vectors when the request has no `dimensions` (default 64). */
  embeddingDims?: number;
  /** Multiplies every embedding vector; 1 (default) returns unit vectors like the real API. */
  vectorScale?: number;
  /** Replaces the default word-hash embedding (e.g. to act like a multilingual model in a test). */
  embed?: (text: string, dims: number) => number[];
  /** Reply script for chat completions (default: cite [1] and quote the first passage). */
  reply?: ReplyScript;
  /** Characters per streamed delta (default 12). */
  streamChunkChars?: number;
  /** Wait this long before answering each request (to observe client concurrency). */
  responseDelayMs?: number;
  /** Model ids listed by GET /v1/models. */
  models?: string[];
}

/** Live controls for a running stand-in. */
export interface StandinScript {
  /** Replaces the chat reply script. */
  setReply(reply: ReplyScript): void;
  /** The next `count` requests (any endpoint) fail with the given status. */
  failNext(count: number, fault: FaultSpec): void;
}

export interface OpenAiStandin {
  /** Base URL including `/v1`, e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  requests: RecordedRequest[];
  script: StandinScript;
  close(): Promise<void>;
}
