// What answering a question takes from the bot's dependencies: shared by a new question and a
// «Ещё» page, so both search, answer and render the same way.
import type { BotDeps } from "../bot/bot-deps.js";
import type { AnswerDeps } from "./answer-question.js";

export function answerDepsOf(deps: BotDeps): AnswerDeps {
  return {
    search: deps.search,
    answerer: deps.answerer,
    sender: deps.sender,
    sources: deps.sources,
    pages: deps.pages,
    metrics: deps.metrics,
    errors: deps.errors,
    settings: {
      searchK: deps.settings.searchK,
      timeoutMs: deps.settings.answerTimeoutMs,
      streamEditIntervalMs: deps.settings.streamEditIntervalMs,
    },
  };
}
