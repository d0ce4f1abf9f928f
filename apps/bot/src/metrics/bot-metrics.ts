// The bot's counters in one place, on its own prom-client registry, so /status can read them
// now and a /metrics endpoint can expose `registry` later without touching the features.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface BotMetrics {
  registry: Registry;
  questions: Counter<"chat">;
  answers: Counter<"outcome">;
  answerSeconds: Histogram;
  refusals: Counter<"reason">;
  telegramRetries: Counter<"reason">;
  plainTextFallbacks: Counter;
  reloads: Counter<"outcome">;
  eventLoopLagP99: Gauge;
}

export function createBotMetrics(): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    questions: new Counter({
      name: "bot_questions_total",
      help: "Questions received",
      labelNames: ["chat"],
      registers,
    }),
    answers: new Counter({
      name: "bot_answers_total",
      help: "Questions finished, by outcome (answered, not_found, empty_library, timeout, failed)",
      labelNames: ["outcome"],
      registers,
    }),
    answerSeconds: new Histogram({
      name: "bot_answer_seconds",
      help: "Time from question to the last part of the answer sent",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    refusals: new Counter({
      name: "bot_refusals_total",
      help: "Updates refused politely (access, rate_limit, too_long, non_text)",
      labelNames: ["reason"],
      registers,
    }),
    telegramRetries: new Counter({
      name: "bot_telegram_retries_total",
      help: "Bot API calls retried (flood = 429 retry_after, server = 5xx, network = connection lost)",
      labelNames: ["reason"],
      registers,
    }),
    plainTextFallbacks: new Counter({
      name: "bot_plain_text_fallbacks_total",
      help: "Messages resent as plain text after Telegram refused their HTML",
      registers,
    }),
    reloads: new Counter({
      name: "bot_index_reloads_total",
      help: "Index reload checks by outcome (loaded, refused, fallback, empty)",
      labelNames: ["outcome"],
      registers,
    }),
    eventLoopLagP99: new Gauge({
      name: "bot_event_loop_lag_p99_seconds",
      help: "Event loop delay, 99th percentile",
      registers,
    }),
  };
}

/** Sum of a counter over all its labels (for /status). */
export async function counterTotal(counter: Counter<string>, where?: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((value) => !where || Object.entries(where).every(([key, wanted]) => value.labels[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
