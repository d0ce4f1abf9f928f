// The bot's metrics on ONE registry: the shared service set (questions, answers, errors, index
// reloads — see docs/metrics.md) plus the few counters only the bot has (refusals, Telegram
// retries, plain-text fallbacks, event-loop lag). /status reads its answer counts from here too.
import { Counter, Gauge } from "prom-client";
import { type BotServiceMetrics, createBotServiceMetrics } from "./bot-service-metrics.js";

export interface BotMetrics extends BotServiceMetrics {
  refusals: Counter<"reason">;
  telegramRetries: Counter<"reason">;
  plainTextFallbacks: Counter;
  sendsPaced: Counter<"scope">;
  eventLoopLagP99: Gauge;
  /** Answers with a source, and errors of any kind (for /status). */
  answerCounts(): Promise<{ answered: number; failed: number }>;
}

export function createBotMetrics(deps: Parameters<typeof createBotServiceMetrics>[0]): BotMetrics {
  const shared = createBotServiceMetrics(deps);
  const registers = [shared.registry];
  return {
    ...shared,
    refusals: new Counter({
      name: "ai_library_bot_refusals_total",
      help: "Updates refused politely (access, rate_limit, too_long, non_text)",
      labelNames: ["reason"],
      registers,
    }),
    telegramRetries: new Counter({
      name: "ai_library_bot_telegram_retries_total",
      help: "Bot API calls retried (flood = 429 retry_after, server = 5xx, network = connection lost)",
      labelNames: ["reason"],
      registers,
    }),
    sendsPaced: new Counter({
      name: "ai_library_bot_telegram_sends_paced_total",
      help: "Bot API sends and edits held back to stay under Telegram's rate limits (global = all chats, group = one group)",
      labelNames: ["scope"],
      registers,
    }),
    plainTextFallbacks: new Counter({
      name: "ai_library_bot_plain_text_fallbacks_total",
      help: "Messages resent as plain text after Telegram refused their HTML",
      registers,
    }),
    eventLoopLagP99: new Gauge({
      name: "ai_library_bot_event_loop_lag_p99_seconds",
      help: "Event loop delay, 99th percentile, over the window since the previous /status",
      registers,
    }),
    async answerCounts() {
      const answers = await metricTotal(shared, "ai_library_bot_answers_total");
      const withoutSource = await metricTotal(shared, "ai_library_bot_answers_without_source_total");
      const failed = await metricTotal(shared, "ai_library_bot_errors_total");
      return { answered: answers - withoutSource, failed };
    },
  };
}

/** Sum of a shared metric over all its series (0 when it has none yet). */
async function metricTotal(shared: BotServiceMetrics, name: string): Promise<number> {
  const metric = shared.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, value) => sum + value.value, 0);
}
