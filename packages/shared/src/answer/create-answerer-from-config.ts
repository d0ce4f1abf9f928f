// Chooses the answerer: ANSWERER=extractive|openai forces one; "auto" (default) uses the
// LLM when an OpenAI key or a compatible server is configured, else offline quotes.
import type { AppConfig } from "../config/index.js";
import type { Logger } from "../logging/index.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createOpenAiAnswerer } from "./openai-answerer.js";
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
  deps.logger.info("Answerer selected", { kind, model: kind === "openai" ? config.OPENAI_CHAT_MODEL : undefined });
  return kind === "openai" ? createOpenAiAnswerer({ config, ...deps }) : createExtractiveAnswerer();
}
