// What the bot's features are built from. Everything comes in from main.ts (or a test), so
// the same features run against Telegram, the Bot API stand-in and the console.
import type { Answerer, QuestionCondenser } from "@ai-library/shared/answer";
import type { ErrorTracker } from "@ai-library/shared/error-reporting";
import type { Logger } from "@ai-library/shared/logging";
import type { LiveGenerations, LiveLibrary } from "@ai-library/shared/retrieval";
import type { IssuedPages } from "../answering/issued-pages.js";
import type { IssuedSources } from "../answering/issued-sources.js";
import type { BackgroundTasks } from "../app/background-tasks.js";
import type { QueueSnapshot } from "../app/queue-status.js";
import type { ConversationMemory } from "../conversation/conversation-memory.js";
import type { QuestionRateLimiter } from "../limits/question-rate-limiter.js";
import type { BotMetrics } from "../metrics/bot-metrics.js";
import type { EventLoopMonitor } from "../metrics/event-loop-monitor.js";
import type { ChatSender } from "../telegram/chat-sender.js";
import type { BotSettings } from "./bot-settings.js";
import type { UpdateClaims } from "./update-claims.js";

export interface BotDeps {
  settings: BotSettings;
  logger: Logger;
  /** The generation served: its id and manifest (books, chunks, date) for the commands. */
  library: Pick<LiveGenerations, "current">;
  /** Question search, scheduled so it cannot stall the event loop (see search-lane.ts). */
  search: LiveLibrary["search"];
  /** The section around a cited source («Подробнее»). */
  sectionAround: LiveLibrary["sectionAround"];
  answerer: Answerer;
  /** The LLM's standalone rewrite of follow-ups; none without an LLM (the offline rule reads them). */
  condenser?: QuestionCondenser;
  sender: ChatSender;
  sources: IssuedSources;
  /** What each «Ещё» button continues (expires with the conversation memory). */
  pages: IssuedPages;
  /** The last turns of each conversation, for follow-up questions (shared over Redis). */
  conversations: ConversationMemory;
  metrics: BotMetrics;
  /** Sentry with SENTRY_DSN (failed answers, handler errors), else nowhere. */
  errors: ErrorTracker;
  rateLimiter: QuestionRateLimiter;
  /** Claims each Telegram update in Redis so one process handles it; none in console mode. */
  claims?: UpdateClaims;
  /** True when a refusal notice may be sent to this user now (one per minute). */
  mayNotify: (userId: number) => Promise<boolean>;
  tasks: BackgroundTasks;
  readQueue: () => Promise<QueueSnapshot>;
  eventLoop: EventLoopMonitor;
  /** RSS of the FAISS search process, when one runs (for /status). */
  searchProcessRss: () => Promise<number | undefined>;
  startedAt: number;
}
