// The bot's question-and-answer metrics. The bot calls three functions — a question arrived,
// an answer was sent (how long it took, how many sources), an error of some kind happened —
// and Prometheus gets counters, a latency histogram and the time of the last answer (the
// "bot not answering" alert compares it with the last question).
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** Error kinds the bot reports; the label keeps the set small and stable for alerts. */
export type BotErrorKind = "handler" | "telegram" | "timeout" | "answerer" | "search" | "index";

export interface AnswerFacts {
  durationSeconds: number;
  /** Sources cited under the answer; 0 = nothing relevant was found in the books. */
  sourceCount: number;
}

export interface AnswerMetrics {
  questionReceived(): void;
  answerSent(facts: AnswerFacts): void;
  errorOccurred(kind: BotErrorKind): void;
}

export function defineAnswerMetrics(registry: Registry, clock: () => number = Date.now): AnswerMetrics {
  const registers = [registry];
  const questions = new Counter({
    name: "ai_library_bot_questions_total",
    help: "Questions received from users",
    registers,
  });
  const lastQuestion = new Gauge({
    name: "ai_library_bot_last_question_timestamp_seconds",
    help: "Unix time of the last question received",
    registers,
  });
  const answers = new Counter({ name: "ai_library_bot_answers_total", help: "Answers sent to users", registers });
  const noSource = new Counter({
    name: "ai_library_bot_answers_without_source_total",
    help: "Answers sent with no source found in the books",
    registers,
  });
  const lastAnswer = new Gauge({
    name: "ai_library_bot_last_answer_timestamp_seconds",
    help: "Unix time of the last answer sent",
    registers,
  });
  const latency = new Histogram({
    name: "ai_library_bot_answer_duration_seconds",
    help: "Time from a question to the last part of its answer sent",
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
    registers,
  });
  const errors = new Counter({
    name: "ai_library_bot_errors_total",
    help: "Errors by kind (handler, telegram, timeout, answerer, search, index)",
    labelNames: ["kind"],
    registers,
  });
  return {
    questionReceived() {
      questions.inc();
      lastQuestion.set(clock() / 1000);
    },
    answerSent({ durationSeconds, sourceCount }) {
      answers.inc();
      if (sourceCount === 0) noSource.inc();
      latency.observe(durationSeconds);
      lastAnswer.set(clock() / 1000);
    },
    errorOccurred(kind) {
      errors.inc({ kind });
    },
  };
}
