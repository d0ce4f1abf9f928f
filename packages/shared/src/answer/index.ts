// Answerers (offline extractive quotes, OpenAI-compatible LLM) and the factory choosing one.
export { ANSWER_PHRASES, type AnswerPhrases } from "./answer-phrases.js";
export {
  type AnswererDeps,
  chooseAnswererKind,
  createAnswererFromConfig,
  createQuestionCondenserFromConfig,
} from "./create-answerer-from-config.js";
export {
  answerFromPassages,
  createExtractiveAnswerer,
  MIN_COVERAGE,
  MIN_PASSAGE_SIMILARITY,
} from "./extractive-answerer.js";
export { CODE_FENCE, withoutCodeFences } from "./format-quote.js";
export { createOpenAiAnswerer, type OpenAiAnswererDeps } from "./openai-answerer.js";
export { buildSystemPrompt, buildUserMessage, NOT_FOUND_SENTINEL } from "./openai-prompt.js";
export {
  createOpenAiQuestionCondenser,
  type QuestionCondenser,
  standaloneQuestionOf,
} from "./question-condenser.js";
export { type QuestionShape, questionShape } from "./question-shape.js";
export { renumberCitations } from "./renumber-citations.js";
export type { Answer, Answerer, AnswerLanguage, AnswerOptions, PriorTurn } from "./types.js";
