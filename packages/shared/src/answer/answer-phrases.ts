// The fixed user-facing phrases of answers, in Russian (default) and English.
import type { AnswerLanguage } from "./types.js";

export interface AnswerPhrases {
  /** Opens an extractive answer, before the quotes. */
  intro: string;
  /** The whole answer when the library has nothing relevant. */
  notFound: string;
  /** Opens an answer when passages are relevant but no sentence answers directly. */
  closestIntro: string;
  openQuote: string;
  closeQuote: string;
}

export const ANSWER_PHRASES: Record<AnswerLanguage, AnswerPhrases> = {
  ru: {
    intro: "По книгам библиотеки:",
    notFound: "В библиотеке нет ответа на этот вопрос.",
    closestIntro: "Прямого ответа в книгах не нашлось. Ближе всего к вопросу эти места:",
    openQuote: "«",
    closeQuote: "»",
  },
  en: {
    intro: "From the books in the library:",
    notFound: "The library does not contain an answer to this question.",
    closestIntro: "A direct answer was not found in the books. These passages look closest:",
    openQuote: "“",
    closeQuote: "”",
  },
};
