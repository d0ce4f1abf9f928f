// The chat model every LLM call goes through (answers, question condensing): LangChain's
// ChatOpenAI for OpenAI or any compatible server, loaded on first use (the package is heavy and
// offline runs never need it). Our own retries wrap calls, so the client's are off.
import type { AIMessageChunk } from "@langchain/core/messages";
import type { ChatOpenAI } from "@langchain/openai";
import type { AppConfig } from "../config/index.js";
import { loadLangchainOpenAi } from "../openai/load-langchain-openai.js";

// Reasoning models accept only the default temperature.
const isReasoningModel = (model: string) => /^o\d/.test(model) || /^gpt-5(?!-chat)/.test(model);

export const chatBaseUrl = (config: AppConfig) => config.OPENAI_BASE_URL ?? "https://api.openai.com/v1";

/** A loader that builds the client once, on first call. */
export function chatModelLoader(config: AppConfig): () => Promise<ChatOpenAI> {
  let loading: Promise<ChatOpenAI> | undefined;
  return () => {
    loading ??= loadLangchainOpenAi().then(
      ({ ChatOpenAI }) =>
        new ChatOpenAI({
          model: config.OPENAI_CHAT_MODEL,
          apiKey: config.OPENAI_API_KEY ?? "no-key-for-local-server",
          configuration: { baseURL: chatBaseUrl(config) },
          ...(isReasoningModel(config.OPENAI_CHAT_MODEL) ? {} : { temperature: 0 }),
          timeout: config.OPENAI_TIMEOUT_SECONDS * 1000,
          maxRetries: 0,
          streamUsage: false,
        }),
    );
    return loading;
  };
}

export function chunkText(chunk: AIMessageChunk): string {
  if (typeof chunk.content === "string") return chunk.content;
  return chunk.content.map((part) => (part.type === "text" && "text" in part ? String(part.text) : "")).join("");
}
