// Assembles the features' dependencies from the config and the services; main.ts and the
// console mode differ only in the ChatSender they pass.
import type { AppConfig } from "@ai-library/shared/config";
import type { ErrorTracker } from "@ai-library/shared/error-reporting";
import type { Logger } from "@ai-library/shared/logging";
import { createIssuedPages } from "../answering/issued-pages.js";
import { createIssuedSources } from "../answering/issued-sources.js";
import type { BotDeps } from "../bot/bot-deps.js";
import { botSettingsFromConfig } from "../bot/bot-settings.js";
import { createUpdateClaims, HANDLED_CLAIM_MS, UPDATE_CLAIM_LEASE_MS } from "../bot/update-claims.js";
import { createConversationMemory } from "../conversation/conversation-memory.js";
import { createNoticeThrottle, createQuestionRateLimiter } from "../limits/question-rate-limiter.js";
import type { BotMetrics } from "../metrics/bot-metrics.js";
import type { EventLoopMonitor } from "../metrics/event-loop-monitor.js";
import type { ChatSender } from "../telegram/chat-sender.js";
import type { BackgroundTasks } from "./background-tasks.js";
import type { BotServices } from "./create-services.js";
import type { QueueSnapshot } from "./queue-status.js";
import type { RedisBreaker } from "./redis-breaker.js";

export interface BuildDepsInput {
  config: AppConfig;
  logger: Logger;
  services: BotServices;
  sender: ChatSender;
  metrics: BotMetrics;
  errors: ErrorTracker;
  /** The queue reader /status shares with the metrics (createQueueStatusReader). */
  readQueue: () => Promise<QueueSnapshot>;
  tasks: BackgroundTasks;
  eventLoop: EventLoopMonitor;
  /** Telegram updates are claimed in Redis (several bot processes); the console has no update ids to share. */
  claimUpdates: boolean;
  /** What the bot's processes share (turns, update claims, rate limits) lives here, behind one breaker. */
  redis: RedisBreaker;
}

export function buildBotDeps(input: BuildDepsInput): BotDeps {
  const settings = botSettingsFromConfig(input.config);
  const { redis } = input;
  return {
    settings,
    logger: input.logger,
    library: input.services.library,
    search: input.services.search,
    sectionAround: input.services.sectionAround,
    answerer: input.services.answerer,
    ...(input.services.condenser ? { condenser: input.services.condenser } : {}),
    sender: input.sender,
    sources: createIssuedSources(),
    pages: createIssuedPages({ ttlMs: settings.conversationTtlMs }),
    conversations: createConversationMemory({
      shared: { redis, prefix: settings.conversationKeyPrefix },
      ttlMs: settings.conversationTtlMs,
    }),
    metrics: input.metrics,
    errors: input.errors,
    rateLimiter: createQuestionRateLimiter(settings.ratePerMinute, { redis, prefix: settings.rateLimitPrefix }),
    ...(input.claimUpdates
      ? {
          claims: createUpdateClaims(redis, {
            prefix: settings.updateClaimPrefix,
            // Renewed every 5 s while the answer is made: a process killed mid-answer lets go
            // within 15 s, and Telegram's next retry of those updates is served by another.
            leaseMs: UPDATE_CLAIM_LEASE_MS,
            doneMs: HANDLED_CLAIM_MS,
          }),
        }
      : {}),
    mayNotify: createNoticeThrottle(60),
    tasks: input.tasks,
    readQueue: input.readQueue,
    eventLoop: input.eventLoop,
    searchProcessRss: input.services.searchProcessRss,
    startedAt: Date.now(),
  };
}
