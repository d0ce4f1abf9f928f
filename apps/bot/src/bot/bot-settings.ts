// The part of the configuration the bot's features read, named for what they decide.
import type { AppConfig } from "@ai-library/shared/config";

export interface BotSettings {
  /** Empty: everyone may use the bot. */
  allowedUserIds: ReadonlySet<number>;
  adminUserIds: ReadonlySet<number>;
  maxQuestionChars: number;
  ratePerMinute: number;
  searchK: number;
  answerTimeoutMs: number;
  streamEditIntervalMs: number;
  /** How long a conversation's turns are remembered. */
  conversationTtlMs: number;
  /** How long a follow-up waits for the LLM's standalone rewrite (0 = no LLM rewrite). */
  condenseTimeoutMs: number;
  /** Where the bot's processes share conversations. */
  redisUrl: string;
  conversationKeyPrefix: string;
  /** Redis keys of the update claims and of the shared question rate limit. */
  updateClaimPrefix: string;
  rateLimitPrefix: string;
}

export function botSettingsFromConfig(config: AppConfig): BotSettings {
  return {
    allowedUserIds: new Set(config.ALLOWED_USER_IDS),
    adminUserIds: new Set(config.ADMIN_USER_IDS),
    maxQuestionChars: config.MAX_QUESTION_CHARS,
    ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
    searchK: config.BOT_SEARCH_K,
    answerTimeoutMs: config.BOT_ANSWER_TIMEOUT_SECONDS * 1000,
    streamEditIntervalMs: config.BOT_STREAM_EDIT_INTERVAL_MS,
    conversationTtlMs: config.CONVERSATION_TTL_MINUTES * 60_000,
    condenseTimeoutMs: config.CONVERSATION_CONDENSE_TIMEOUT_SECONDS * 1000,
    redisUrl: config.REDIS_URL,
    conversationKeyPrefix: `${config.QUEUE_PREFIX}:conversation:`,
    updateClaimPrefix: `${config.QUEUE_PREFIX}:update:`,
    rateLimitPrefix: `${config.QUEUE_PREFIX}:rate`,
  };
}
