// Embeddings from OpenAI or any OpenAI-compatible server (OPENAI_BASE_URL), through
// LangChain's OpenAIEmbeddings. We batch (by count and by tiktoken tokens), bound
// concurrency and retry ourselves, with LangChain's own retries off, so that 429 +
// Retry-After is honoured and every failure is reported without the API key.
import type { OpenAIEmbeddings } from "@langchain/openai";
import pLimit from "p-limit";
import type { Logger } from "../logging/index.js";
import { loadLangchainOpenAi } from "../openai/load-langchain-openai.js";
import { l2Normalised } from "./l2-normalise.js";
import { describeOpenAiFailure, OpenAiRequestError } from "./openai-errors.js";
import { RetriesExhausted, withRetries } from "./openai-retry.js";
import { planEmbeddingBatches } from "./plan-embedding-batches.js";
import { loadTokenCounter, type TokenCounter } from "./token-counter.js";
import type { Embedder, EmbedderIdentity } from "./types.js";

/** Native vector lengths of OpenAI's models, used until the first response confirms them. */
const KNOWN_DIMS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export interface OpenAiEmbedderOptions {
  model: string;
  /** e.g. http://127.0.0.1:8000/v1; undefined = api.openai.com */
  baseUrl?: string;
  /** May be absent for a local server; a placeholder is sent then. */
  apiKey?: string;
  /** Requested vector length (`dimensions` parameter), also the expected length. */
  dimensions?: number;
  batchSize: number;
  batchTokens: number;
  maxConcurrency: number;
  maxRetries: number;
  timeoutMs: number;
  logger: Logger;
  /** Injected in tests to observe backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
}

class EmbeddingDimensionsError extends Error {
  constructor(model: string, expected: number, received: number) {
    super(
      `Модель эмбеддингов ${model} вернула векторы длины ${received}, ожидалось ${expected}. ` +
        "Укажите в OPENAI_EMBEDDING_DIMS длину векторов модели (или уберите настройку), затем пересоберите индекс.",
    );
    this.name = "EmbeddingDimensionsError";
  }
}

export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const baseUrl = options.baseUrl ?? "https://api.openai.com/v1";
  let dims = options.dimensions ?? KNOWN_DIMS[options.model] ?? 0;
  let dimsConfirmed = false;
  let clientLoading: Promise<OpenAIEmbeddings> | undefined;
  const client = () => {
    clientLoading ??= loadLangchainOpenAi().then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: options.model,
          apiKey: options.apiKey ?? "no-key-for-local-server",
          configuration: { baseURL: baseUrl },
          dimensions: options.dimensions,
          batchSize: Math.max(options.batchSize, 1),
          stripNewLines: false,
          timeout: options.timeoutMs,
          maxRetries: 0,
          maxConcurrency: Number.POSITIVE_INFINITY,
        }),
    );
    return clientLoading;
  };
  const limit = pLimit(options.maxConcurrency);
  let tokenCounter: Promise<TokenCounter> | undefined;

  function accept(vector: number[]): Float32Array {
    if (!dimsConfirmed) {
      if (options.dimensions !== undefined && vector.length !== options.dimensions) {
        throw new EmbeddingDimensionsError(options.model, options.dimensions, vector.length);
      }
      dims = vector.length;
      dimsConfirmed = true;
    } else if (vector.length !== dims) {
      throw new EmbeddingDimensionsError(options.model, dims, vector.length);
    }
    return l2Normalised(vector);
  }

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    try {
      const { value } = await withRetries(
        async () => (await client()).embedDocuments(texts),
        { maxRetries: options.maxRetries, sleep: options.sleep },
        (notice) => options.logger.warn("Запрос векторов не удался, повтор", { model: options.model, ...notice }),
      );
      if (value.length !== texts.length) {
        throw new OpenAiRequestError(
          "embeddings",
          200,
          `${baseUrl} вернул ${value.length} векторов на ${texts.length} текстов: проверьте, что OPENAI_BASE_URL указывает на OpenAI-совместимый сервер эмбеддингов`,
        );
      }
      return value.map(accept);
    } catch (error) {
      if (!(error instanceof RetriesExhausted)) throw error;
      throw describeOpenAiFailure(error.lastError, {
        operation: "embeddings",
        baseUrl,
        apiKey: options.apiKey,
        attempts: error.attempts,
      });
    }
  }

  async function embedDocuments(texts: string[]): Promise<Float32Array[]> {
    tokenCounter ??= loadTokenCounter();
    const counter = await tokenCounter;
    const batches = planEmbeddingBatches(texts.map(counter), {
      maxTexts: options.batchSize,
      maxTokens: options.batchTokens,
    });
    options.logger.debug("Векторизация текстов", {
      model: options.model,
      texts: texts.length,
      batches: batches.length,
    });
    const results = await Promise.all(
      batches.map((batch) => limit(() => embedBatch(texts.slice(batch.start, batch.end)))),
    );
    return results.flat();
  }

  return {
    get identity(): EmbedderIdentity {
      return { provider: "openai", model: options.model, dims };
    },
    embedDocuments,
    embedQuery: async (text) => {
      const [vector] = await embedBatch([text]);
      if (!vector) throw new OpenAiRequestError("embeddings", 200, "Сервер не вернул вектор для запроса");
      return vector;
    },
  };
}
