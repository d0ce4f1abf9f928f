// Public surface of the OpenAI-protocol stand-in (tests and benchmarks only).
export { defaultReply } from "./chat-replies.js";
export { fakeEmbedding } from "./fake-embedding.js";
export { startOpenAiStandin } from "./start-openai-standin.js";
export type {
  FaultSpec,
  OpenAiStandin,
  OpenAiStandinOptions,
  RecordedRequest,
  ReplyScript,
  StandinChatMessage,
  StandinScript,
} from "./types.js";
