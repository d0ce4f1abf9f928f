// Answerers (offline extractive quotes, OpenAI-compatible LLM) and the factory choosing one.
export { createAnswererFromConfig, createQuestionCondenserFromConfig } from "./create-answerer-from-config.js";
export { answerFromPassages } from "./extractive-answerer.js";
export { withoutCodeFences } from "./format-quote.js";
export { createOpenAiAnswerer } from "./openai-answerer.js";
export type { QuestionCondenser } from "./question-condenser.js";
export { questionShape } from "./question-shape.js";
export type { Answer, Answerer, PriorTurn } from "./types.js";
