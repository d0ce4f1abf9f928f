// LLM answers through LangChain's ChatOpenAI (OpenAI or any compatible server), streamed so
// the bot can show text as it arrives. We call .stream() rather than invoke() with
// streaming on: the latter makes LangChain count tokens with a tiktoken table it downloads.

import type { AppConfig } from "../config/index.js";
import { describeOpenAiFailure } from "../embeddings/openai-errors.js";
import { isRetryable, RetriesExhausted, withRetries } from "../embeddings/openai-retry.js";
import type { Logger } from "../logging/index.js";
import type { Passage } from "../retrieval/types.js";
import { ANSWER_PHRASES } from "./answer-phrases.js";
import { chatBaseUrl, chatModelLoader, chunkText } from "./openai-chat-model.js";
import { buildSystemPrompt, buildUserMessage, NOT_FOUND_SENTINEL } from "./openai-prompt.js";
import { renumberCitations } from "./renumber-citations.js";
import type { Answer, Answerer, AnswerOptions } from "./types.js";

export interface OpenAiAnswererDeps {
  config: AppConfig;
  logger: Logger;
  /** Injected in tests to observe backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

/** While the reply may still turn out to be the sentinel, nothing is shown to the user. */
const mayBeSentinel = (text: string) => {
  const trimmed = text.trimStart();
  return NOT_FOUND_SENTINEL.startsWith(trimmed) || trimmed.startsWith(NOT_FOUND_SENTINEL);
};

export function createOpenAiAnswerer(deps: OpenAiAnswererDeps): Answerer {
  const { config, logger } = deps;
  const baseUrl = chatBaseUrl(config);
  const chatModel = chatModelLoader(config);

  async function streamReply(question: string, passages: readonly Passage[], options: AnswerOptions): Promise<string> {
    const messages = [
      { role: "system", content: buildSystemPrompt(options.language) },
      { role: "user", content: buildUserMessage(question, passages, options.history) },
    ];
    let received = false;
    try {
      const { value } = await withRetries(
        async () => {
          let text = "";
          const model = await chatModel();
          for await (const chunk of await model.stream(messages, { signal: options.signal })) {
            received = true;
            text += chunkText(chunk);
            if (!mayBeSentinel(text)) options.onPartial?.(text);
          }
          return text;
        },
        {
          maxRetries: config.OPENAI_MAX_RETRIES,
          sleep: deps.sleep,
          // Once text has reached the user a retry would repeat it: retry only before that.
          retryIf: (error) => !received && isRetryable(error),
        },
        (notice) =>
          logger.warn("Запрос к модели чата не удался, повтор", { model: config.OPENAI_CHAT_MODEL, ...notice }),
      );
      return value;
    } catch (error) {
      const cause = error instanceof RetriesExhausted ? error.lastError : error;
      if (options.signal?.aborted) throw cause;
      const attempts = error instanceof RetriesExhausted ? error.attempts : 1;
      throw describeOpenAiFailure(cause, {
        operation: "chat completion",
        baseUrl,
        apiKey: config.OPENAI_API_KEY,
        attempts,
      });
    }
  }

  return {
    kind: "openai",
    async answer(question, passages, options): Promise<Answer> {
      const phrases = ANSWER_PHRASES[options.language];
      const notFound: Answer = { text: phrases.notFound, sources: [], notFound: true, language: options.language };
      if (passages.length === 0) return notFound;
      const reply = await streamReply(question, passages, options);
      if (reply.includes(NOT_FOUND_SENTINEL) || reply.trim() === "") {
        options.onPartial?.(notFound.text);
        return notFound;
      }
      const { text, sources } = renumberCitations(reply, passages);
      if (sources.length > 0) return { text, sources, notFound: false, language: options.language };
      // The model ignored the citation rule; the answer still came from these passages only.
      logger.warn("В ответе LLM нет ссылок на источники", { model: config.OPENAI_CHAT_MODEL });
      return { text, sources: [...passages], notFound: false, language: options.language };
    },
  };
}
