// Chooses the answerer: ANSWERER=extractive|openai forces one; "auto" (default) uses the
// LLM when an OpenAI key or a compatible server is configured, else offline quotes.
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../logging/index.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createOpenAiAnswerer } from "./openai-answerer.js";
import { createOpenAiQuestionCondenser, type QuestionCondenser } from "./question-condenser.js";
import type { Answerer } from "./types.js";

export interface AnswererDeps {
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

export function chooseAnswererKind(config: AppConfig): Answerer["kind"] {
  if (config.ANSWERER !== "auto") return config.ANSWERER;
  return config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? "openai" : "extractive";
}

export function createAnswererFromConfig(config: AppConfig, deps: AnswererDeps): Answerer {
  const kind = chooseAnswererKind(config);
  deps.logger.info("Выбран способ ответа", { kind, model: kind === "openai" ? config.OPENAI_CHAT_MODEL : undefined });
  return kind === "openai" ? createOpenAiAnswerer({ config, ...deps }) : createExtractiveAnswerer();
}

/**
 * The LLM rewrite of follow-up questions: with the LLM answerer and a non-zero
 * CONVERSATION_CONDENSE_TIMEOUT_SECONDS; otherwise none (follow-ups use the offline rewrite).
 */
export function createQuestionCondenserFromConfig(config: AppConfig): QuestionCondenser | undefined {
  if (chooseAnswererKind(config) !== "openai" || config.CONVERSATION_CONDENSE_TIMEOUT_SECONDS === 0) return undefined;
  return createOpenAiQuestionCondenser(config);
}
