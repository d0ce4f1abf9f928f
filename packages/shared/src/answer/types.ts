import type { Passage } from "../retrieval/types.js";

export type AnswerLanguage = "ru" | "en";

export interface Answer {
  /** Plain text (no markup); citations appear as [1], [2] … matching `sources` order. */
  text: string;
  /** The passages the answer used, best first; empty when the library has no answer. */
  sources: Passage[];
  /** True when nothing relevant was found ("not in the library"). */
  notFound: boolean;
  language: AnswerLanguage;
}

export interface AnswerOptions {
  /** Language of the answer and its framing; normally detectLanguage(question) from text/. */
  language: AnswerLanguage;
  /** Called with the text so far while an LLM streams; extractive answers call it once. */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
}

/** Builds an answer to a question from retrieved passages only. */
export interface Answerer {
  readonly kind: "extractive" | "openai";
  answer(question: string, passages: Passage[], options: AnswerOptions): Promise<Answer>;
}
