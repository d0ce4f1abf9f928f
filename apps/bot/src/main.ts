// Entry point of the Telegram bot: `pnpm --filter @ai-library/bot start` (run from the repo
// root, see package.json). Reads the config once, loads the live index, keeps it fresh, and
// answers through Telegram (long polling, or webhook with WEBHOOK_URL) — or, without
// TELEGRAM_BOT_TOKEN, in a chat on the terminal through the same handlers.
import { existsSync } from "node:fs";
import { loadConfigOrExit, secretValues } from "@ai-library/shared/config";
import { reportFailure, startErrorTracking } from "@ai-library/shared/error-reporting";
import { closeLogger, createLogger } from "@ai-library/shared/logging";
import { startMetricsServer } from "@ai-library/shared/metrics";
import { Telegram } from "telegraf";
import { createBackgroundTasks } from "./app/background-tasks.js";
import { botHealth } from "./app/bot-health.js";
import { buildBotDeps } from "./app/build-bot-deps.js";
import { createBotServices } from "./app/create-services.js";
import { startIndexReloader } from "./app/index-reloader.js";
import { createQueueStatusReader, requireAvailable } from "./app/queue-status.js";
import { createRedisBreaker } from "./app/redis-breaker.js";
import { connectSharedRedis } from "./app/shared-redis.js";
import { createShutdown, exitOnSignals } from "./app/shutdown.js";
import { createBot } from "./bot/create-bot.js";
import { registerCommandMenu } from "./bot/register-commands.js";
import { runPolling } from "./bot/run-polling.js";
import { runWebhook } from "./bot/run-webhook.js";
import { createConsoleSender } from "./console/console-sender.js";
import { runConsoleChat } from "./console/run-console-chat.js";
import { createBotMetrics } from "./metrics/bot-metrics.js";
import { startEventLoopMonitor } from "./metrics/event-loop-monitor.js";
import { defaultRetryPolicy } from "./telegram/retry-telegram-call.js";
import { createSendPacer } from "./telegram/send-pacer.js";
import { createSharedSendPacer } from "./telegram/shared-send-pacer.js";
import { createTelegramChatSender } from "./telegram/telegram-chat-sender.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const config = loadConfigOrExit(process.env, "bot");
const token = config.TELEGRAM_BOT_TOKEN;
// In console mode the terminal is the chat, so log lines go to the log file only.
const logger = createLogger({
  service: "bot",
  level: config.LOG_LEVEL,
  dir: config.LOG_DIR,
  secrets: secretValues(config),
  console: token !== undefined,
});
const eventLoop = startEventLoopMonitor();
const services = createBotServices(config, logger);
const errors = startErrorTracking({
  dsn: config.SENTRY_DSN,
  service: "bot",
  generation: () => services.library.current()?.id,
  secrets: secretValues(config),
  onUnhandledRejection: "exit",
  logger,
});
// What the bot's processes share: conversation turns, update claims, rate limits, send slots —
// through one breaker, so a Redis that stops answering is waited on once, not by every feature.
const sharedRedis = connectSharedRedis(config.REDIS_URL);
const redisBreaker = createRedisBreaker({ redis: sharedRedis, logger });
const readQueue = createQueueStatusReader({
  redisUrl: config.REDIS_URL,
  prefix: config.QUEUE_PREFIX,
  redisDown: () => redisBreaker.down,
});
const metrics = createBotMetrics({
  library: services.library,
  store: services.store,
  logger,
  queue: { readQueue: requireAvailable(readQueue), pausedAlertSeconds: config.QUEUE_PAUSED_ALERT_MINUTES * 60 },
});
const tasks = createBackgroundTasks({ logger, timeoutMs: config.BOT_ANSWER_TIMEOUT_SECONDS * 1000 + 30_000 });
const reloader = startIndexReloader({
  library: services.library,
  logger,
  metrics,
  pollSeconds: config.INDEX_POLL_SECONDS,
  // Imported lazily: BullMQ/ioredis take seconds to load, and polling already covers reloads.
  subscribe: async (onNotice) =>
    (await import("@ai-library/shared/queue")).subscribeToGenerations({
      redisUrl: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      onNotice: (notice) => onNotice(notice.generationId),
      onError: (message) => logger.warn(`Redis (уведомления о новом индексе): ${message}; опрос индекса продолжается`),
    }),
});
await reloader.check("startup");
const metricsServer = await startMetricsServer({
  port: config.BOT_METRICS_PORT,
  host: config.METRICS_HOST,
  registry: metrics.registry,
  health: () => botHealth(services),
  logger,
}).catch((error: unknown) => {
  logger.error(
    `Не удалось открыть /metrics на ${config.METRICS_HOST}:${config.BOT_METRICS_PORT}: ${(error as Error).message}. ` +
      "Бот продолжает отвечать; освободите порт или задайте другой BOT_METRICS_PORT (0 — без метрик)",
  );
  return undefined;
});
if (config.ALLOWED_USER_IDS.length === 0) {
  logger.warn("ALLOWED_USER_IDS пуст: бот открыт для всех пользователей Telegram");
}

let stopping = false;
let stopTelegram: () => void = () => {};
const exit = (code: number) => process.exit(code);
const shutdown = createShutdown({
  logger,
  exit,
  steps: () => [
    { name: "прекратить приём обновлений", run: () => stopTelegram() },
    {
      name: "завершить начатые ответы",
      run: async () => {
        if (!(await tasks.idle(15_000))) logger.warn(`Остановка: ${tasks.inFlight} ответов не успели завершиться`);
      },
    },
    { name: "остановить подхват индекса", run: () => reloader.stop() },
    { name: "закрыть /metrics", run: () => metricsServer?.close() },
    { name: "закрыть индекс", run: () => services.close() },
    {
      name: "закрыть общее соединение с Redis",
      run: () => {
        redisBreaker.close();
        sharedRedis.close();
      },
    },
    { name: "отправить отчёты об ошибках", run: () => errors.flush() },
    { name: "дописать лог", run: () => closeLogger(logger) },
  ],
});
exitOnSignals(() => {
  stopping = true;
  return shutdown("signal");
}, exit);

// What the features are built from in either mode; only the sender and update claims differ.
const depsInput = { config, logger, services, metrics, errors, readQueue, tasks, eventLoop, redis: redisBreaker };

if (token === undefined) {
  const sender = createConsoleSender(process.stdout);
  const deps = buildBotDeps({ ...depsInput, sender, claimUpdates: false });
  const bot = createBot("console-mode", deps, { apiRoot: "http://127.0.0.1:9" });
  const user = config.ADMIN_USER_IDS[0] ?? config.ALLOWED_USER_IDS[0] ?? 1;
  logger.info("TELEGRAM_BOT_TOKEN не задан: консольный режим");
  await runConsoleChat({
    bot,
    sender,
    tasks,
    user: { id: user, languageCode: "ru" },
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
  });
  await shutdown("конец консольного ввода");
} else {
  const telegram = new Telegram(token, { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false });
  const sender = createTelegramChatSender({
    telegram,
    logger,
    retry: defaultRetryPolicy(logger, (reason) => metrics.telegramRetries.inc({ reason })),
    // Telegram's limits are the token's: every process of this bot books its sends in Redis.
    pacer: createSharedSendPacer({
      redis: redisBreaker,
      prefix: `${config.QUEUE_PREFIX}:send:`,
      perSecond: config.BOT_SENDS_PER_SECOND,
      groupPerMinute: config.BOT_GROUP_SENDS_PER_MINUTE,
      onDelay: (scope) => metrics.sendsPaced.inc({ scope }),
      local: createSendPacer({
        perSecond: config.BOT_SENDS_PER_SECOND,
        groupPerMinute: config.BOT_GROUP_SENDS_PER_MINUTE,
        onDelay: (scope) => metrics.sendsPaced.inc({ scope }),
      }),
    }),
    onPlainFallback: () => metrics.plainTextFallbacks.inc(),
  });
  const deps = buildBotDeps({ ...depsInput, sender, claimUpdates: true });
  const webhookMode = Boolean(config.WEBHOOK_URL && config.WEBHOOK_SECRET);
  const bot = createBot(token, deps, { apiRoot: config.TELEGRAM_API_ROOT, awaitUpdates: webhookMode });
  stopTelegram = () => {
    try {
      bot.stop("shutdown");
    } catch {
      // not running yet (still connecting): nothing to stop
    }
  };
  const onStarted = () => {
    logger.info(`Бот @${bot.botInfo?.username ?? "?"} запущен (${config.WEBHOOK_URL ? "webhook" : "long polling"})`);
    void registerCommandMenu(telegram, logger);
  };
  try {
    if (config.WEBHOOK_URL && config.WEBHOOK_SECRET) {
      const webhook = await runWebhook(bot, {
        url: config.WEBHOOK_URL,
        port: config.WEBHOOK_PORT,
        secret: config.WEBHOOK_SECRET,
        logger,
        onStarted,
      });
      stopTelegram = () => webhook.close();
    } else {
      await runPolling(bot, { logger, isStopping: () => stopping, onStarted });
    }
  } catch (error) {
    await reportFailure({ logger, tracker: errors }, "Бот не может работать с Telegram", error);
    await shutdown("нет связи с Telegram", 1);
  }
}
