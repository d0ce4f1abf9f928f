import type { Passage } from "../retrieval/types.js";

import type { Language } from "../text/language.js";

/** The language an answer is written in: the text pipeline's languages. */
export type AnswerLanguage = Language;

export interface Answer {
  /**
   * Plain text; citations appear as [1], [2] … matching `sources` order. Commands and code
   * stand between Markdown code fences (```), verbatim; nothing else is markup.
   */
  text: string;
  /** The passages the answer used, best first; empty when the library has no answer. */
  sources: Passage[];
  /** True when nothing relevant was found ("not in the library"). */
  notFound: boolean;
  /**
   * True when passages are relevant but none answers directly: the text says so and quotes
   * the closest ones, which are the sources.
   */
  closestOnly?: boolean;
  language: AnswerLanguage;
}

/** An earlier turn of the conversation, oldest first: what the user asked and the start of the answer. */
export interface PriorTurn {
  question: string;
  answer?: string;
}

export interface AnswerOptions {
  /** Language of the answer and its framing; normally detectLanguage(question) from text/. */
  language: AnswerLanguage;
  /** Called with the text so far while an LLM streams; extractive answers call it once. */
  onPartial?: (textSoFar: string) => void;
  signal?: AbortSignal;
  /**
   * The conversation's last turns, oldest first: an LLM reads them to understand what the
   * question refers to (never as a source of facts); the extractive answerer has no use for them.
   */
  history?: readonly PriorTurn[];
}

/** Builds an answer to a question from retrieved passages only. */
export interface Answerer {
  readonly kind: "extractive" | "openai";
  answer(question: string, passages: Passage[], options: AnswerOptions): Promise<Answer>;
}
